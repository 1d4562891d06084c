package dev.offboarding.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.offboarding.deleteuser.DeleteUserHandler;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.listtokens.ListTokensHandler;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.removetokens.RemoveTokensHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The functions, built once over one IAM client, invoked by name through the same JSON entry point Lambda uses, so
 * that a local run exercises exactly the deployed request parsing, validation and error reporting.
 */
public final class LocalFunctions {
    public static final String LIST_TOKENS = "list-tokens";
    public static final String REMOVE_TOKENS = "remove-tokens";
    public static final String DELETE_USER = "delete-user";

    private final Map<String, RequestStreamHandler> handlers;
    private final List<String> logLines = new CopyOnWriteArrayList<>();

    public LocalFunctions(IamClient iam, Clock clock, GuardSettings guards, Pause pause) {
        IamGateway gateway = new IamGateway(iam);
        this.handlers = Map.of(
                LIST_TOKENS, new ListTokensHandler(gateway, guards, clock),
                REMOVE_TOKENS, new RemoveTokensHandler(gateway, pause, clock),
                DELETE_USER, new DeleteUserHandler(gateway, clock));
    }

    /** Invokes a function with a JSON payload; a thrown exception becomes a failed {@link Invocation}. */
    public Invocation invoke(String function, String payload) {
        RequestStreamHandler handler = handlers.get(function);
        if (handler == null) {
            throw new IllegalArgumentException("no function named " + function + "; known: " + handlers.keySet());
        }
        LocalContext context = new LocalContext(function);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
            return Invocation.success(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return Invocation.failure(e);
        } finally {
            logLines.addAll(context.loggedLines());
        }
    }

    /** Every line the functions logged, in order. */
    public List<String> logLines() {
        return List.copyOf(logLines);
    }
}
