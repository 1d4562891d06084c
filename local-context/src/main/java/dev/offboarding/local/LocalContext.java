package dev.offboarding.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A Lambda {@link Context} for running a handler outside Lambda; it keeps what the handler logged. */
public final class LocalContext implements Context {
    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final List<String> lines = new ArrayList<>();
    /**
     * Keeps each message as one line, however it was written: a {@code String}, or the bytes of a JSON line (what
     * the functions write, see FunctionLog), without the line feed that ends it. The level-taking methods of
     * {@link LambdaLogger} come here too.
     */
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            String line = message != null && message.endsWith("\n")
                    ? message.substring(0, message.length() - 1) : message;
            synchronized (lines) {
                lines.add(line);
            }
        }

        @Override
        public void log(byte[] message) {
            log(message == null ? null : new String(message, StandardCharsets.UTF_8));
        }
    };

    public LocalContext(String functionName) {
        this.functionName = functionName;
    }

    /** What the handler logged, in order. */
    public List<String> loggedLines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 60_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
