package dev.offboarding.priming;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, serve one sample request through a twin of the
 * handler whose IAM gateway answers in memory ({@link OfflineIam}). JSON reading and validation, the handler's logic,
 * SDK request marshalling, signing and response unmarshalling and JSON writing are then loaded and compiled in the
 * snapshot, so the first real invocation after a restore does not pay for them. No network call, no IAM change.
 *
 * <p>A priming that fails is visible, never fatal: {@link #prime()} answers the failure (the tests of each function
 * assert there is none), and before a checkpoint the failure is logged as one JSON line
 * ({@code {"event":"snapstart-priming-failed","function":...,"error":...}}) and the snapshot is taken anyway. Priming
 * only warms up: without it the function works the same, its first invocations after a restore are only slower, so
 * a failed warm-up must not stop a version from being published. The one exception is a
 * {@link VirtualMachineError} (out of memory, stack overflow): the JVM itself is in trouble and is not worth a
 * snapshot, so it propagates and the checkpoint fails.
 *
 * <p>Outside a CRaC-capable runtime (SnapStart off, local runs) the registration is a no-op.
 */
public final class SnapStartPriming implements Resource {
    private static final int STACK_FRAMES_LOGGED = 8;

    private final String functionName;
    private final Function<OfflineIam, RequestStreamHandler> offlineTwin;
    private final String sampleRequest;
    private final Consumer<String> log;

    private SnapStartPriming(String functionName, Function<OfflineIam, RequestStreamHandler> offlineTwin,
                             String sampleRequest, Consumer<String> log) {
        this.functionName = functionName;
        this.offlineTwin = offlineTwin;
        this.sampleRequest = sampleRequest;
        this.log = log;
    }

    /** Priming for one handler: {@code offlineTwin} makes the handler over an offline gateway. */
    public static SnapStartPriming of(String functionName, Function<OfflineIam, RequestStreamHandler> offlineTwin,
                                      String sampleRequest) {
        // Lambda sends a function's standard output to its log.
        return new SnapStartPriming(functionName, offlineTwin, sampleRequest, System.out::println);
    }

    /** The same priming, logging its failure to {@code log} instead of standard output (tests read it). */
    SnapStartPriming loggingTo(Consumer<String> log) {
        return new SnapStartPriming(functionName, offlineTwin, sampleRequest, Objects.requireNonNull(log, "log"));
    }

    /**
     * Registers priming with the runtime. Keep the returned resource in a field of the handler: CRaC holds resources
     * weakly, so an unreferenced one would be collected before the checkpoint.
     */
    public static SnapStartPriming register(SnapStartPriming priming) {
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Primes; a failure is logged as one JSON line and does not stop the checkpoint (see the class comment). */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        Outcome outcome = prime();
        if (!outcome.succeeded()) {
            try {
                log.accept(outcome.logLine());
            } catch (RuntimeException e) {
                // A log that cannot be written must not fail the checkpoint either.
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: the real clients were built from the environment and hold no connection
    }

    /**
     * Serves the sample request offline and says how it went: the IAM actions answered in memory and, if the request
     * did not complete, why. Never throws but a {@link VirtualMachineError}.
     */
    public Outcome prime() {
        OfflineIam iam = null;
        try {
            iam = new OfflineIam();
            offlineTwin.apply(iam).handleRequest(new ByteArrayInputStream(sampleRequest.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), new PrimingContext(functionName));
            return new Outcome(functionName, iam.answered(), null);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return new Outcome(functionName, iam == null ? List.of() : iam.answered(), e);
        }
    }

    /**
     * The Lambda context of the sample request. Its logger formats every line the handler writes and keeps none:
     * the sample request is not an invocation, so nothing of it belongs in the function's log.
     */
    private static final class PrimingContext implements com.amazonaws.services.lambda.runtime.Context {
        private static final LambdaLogger DISCARDING = new LambdaLogger() {
            @Override
            public void log(String message) {
            }

            @Override
            public void log(byte[] message) {
            }
        };

        private final String functionName;

        PrimingContext(String functionName) {
            this.functionName = functionName;
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getAwsRequestId() {
            return "snapstart-priming";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "snapstart-priming";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:priming:000000000000:function:" + functionName;
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
            return DISCARDING;
        }
    }

    /** What one priming did: the IAM actions answered in memory, in order, and the failure that stopped it, if any. */
    public record Outcome(String functionName, List<String> answered, Throwable failure) {
        public Outcome {
            answered = List.copyOf(answered);
        }

        public boolean succeeded() {
            return failure == null;
        }

        /** For an assertion message: what was answered and, if it failed, the failure with its stack trace. */
        public String describe() {
            if (succeeded()) {
                return functionName + " primed, answered in memory: " + answered;
            }
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            return functionName + " priming failed after answering " + answered + " in memory: " + trace;
        }

        /**
         * The log line of a failed priming: one JSON object. Written by hand, so that it can be written whatever
         * failed (Jackson itself may be what could not be loaded).
         */
        String logLine() {
            List<String> stack = new ArrayList<>();
            StackTraceElement[] frames = failure.getStackTrace();
            for (int i = 0; i < Math.min(STACK_FRAMES_LOGGED, frames.length); i++) {
                stack.add(frames[i].toString());
            }
            return "{\"event\":\"snapstart-priming-failed\",\"function\":" + quoted(functionName)
                    + ",\"error\":" + quoted(failure.getClass().getName())
                    + ",\"message\":" + quoted(failure.getMessage())
                    + ",\"answeredInMemory\":" + quoted(answered)
                    + ",\"stack\":" + quoted(stack)
                    + ",\"effect\":\"the snapshot is taken without this warm-up: the function works, its first"
                    + " invocations after a restore are slower\"}";
        }

        private static String quoted(List<String> values) {
            List<String> quoted = new ArrayList<>();
            values.forEach(v -> quoted.add(quoted(v)));
            return "[" + String.join(",", quoted) + "]";
        }

        private static String quoted(String value) {
            if (value == null) {
                return "null";
            }
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
