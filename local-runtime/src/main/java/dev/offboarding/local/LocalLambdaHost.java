package dev.offboarding.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import dev.offboarding.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the functions through Lambda's own Invoke API, so that any Lambda client (the AWS SDKs, the AWS CLI, the
 * local Step Functions engine's bridge) can call them with its endpoint set to {@link #url()}, e.g.
 * {@code AWS_ENDPOINT_URL_LAMBDA=http://127.0.0.1:<port>}.
 *
 * <p>{@code POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=...]}, the body being the payload:
 * <ul>
 * <li>success: 200, the function's JSON output as the body, {@code X-Amz-Executed-Version: $LATEST};</li>
 * <li>the function threw: 200 with {@code X-Amz-Function-Error: Unhandled} and the error document the Lambda Java
 * runtime writes, {@code {"errorMessage": ..., "errorType": <the exception's class name>, "stackTrace": [...]}};</li>
 * <li>no such function: 404, {@code x-amzn-ErrorType: ResourceNotFoundException},
 * {@code {"Type": "User", "Message": "Function not found: arn:aws:lambda:...:function:<name>"}}; other request errors
 * likewise with their own type (InvalidParameterValueException, InvalidRequestContentException, ...).</li>
 * </ul>
 * {@code FunctionName} is what Invoke accepts: a name ({@code list-tokens}), a partial ARN
 * ({@code 123456789012:function:list-tokens}) or an ARN, each optionally with a version or alias
 * ({@code list-tokens:live}); the function served is the one of that name, whatever the region, account, version or
 * alias (a local host has one version of each function). {@code X-Amz-Invocation-Type} may be
 * {@code RequestResponse} (the default) or {@code DryRun} (204, nothing invoked); {@code Event} is not served.
 * Requests are not authenticated and are served one at a time. It listens on the loopback address only.
 *
 * <p>A client context ({@code X-Amz-Client-Context}) must be what Invoke accepts, base64-encoded JSON; one whose
 * {@code custom.localTime} is an ISO-8601 instant (a local engine running in virtual time) tells the host's
 * {@code callersTime} listener that time before the function runs, so that the functions' clock follows the caller's
 * (see {@link ClientContextTime}). Nothing else of it reaches the functions.
 */
public final class LocalLambdaHost implements AutoCloseable {
    /** Invoke's path: {@code /2015-03-31/functions/{FunctionName}/invocations}. */
    static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    /** Invoke's FunctionName, as the Lambda API reference gives its pattern (the name alone: at most 64). */
    static final Pattern FUNCTION_NAME = Pattern.compile("(arn:(?<partition>aws[a-zA-Z-]*)?:lambda:)?"
            + "(?<region>[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(?<account>\\d{12}:)?(function:)?"
            + "(?<name>[a-zA-Z0-9-_\\.]+)(:(?<qualifier>\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?");
    static final Pattern QUALIFIER = Pattern.compile("[a-zA-Z0-9$_-]{1,128}");
    /** Lambda's limit for a synchronous invocation's payload. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    static final String DEFAULT_REGION = "us-east-1";

    /**
     * Lambda's own check of a payload, not the contract's: Invoke refuses only text that is not JSON; a repeated key
     * or a null is for the function's strict reader to refuse, naming the field, as it does behind the real Invoke.
     */
    private static final ObjectMapper LAMBDA_PAYLOAD_CHECK = new ObjectMapper();
    private final HttpServer server;
    private final LocalFunctions functions;
    private final Consumer<String> log;
    private final Consumer<Instant> callersTime;

    private LocalLambdaHost(HttpServer server, LocalFunctions functions, Consumer<String> log,
                            Consumer<Instant> callersTime) {
        this.server = server;
        this.functions = functions;
        this.log = log;
        this.callersTime = callersTime;
    }

    /** Serves {@code functions} on a free loopback port. */
    public static LocalLambdaHost start(LocalFunctions functions) throws IOException {
        return start(functions, 0, line -> { });
    }

    /**
     * Serves {@code functions} on {@code port} of the loopback address (0: a free one), telling {@code log} one line
     * per request: the function and how it answered.
     */
    public static LocalLambdaHost start(LocalFunctions functions, int port, Consumer<String> log) throws IOException {
        return start(functions, port, log, time -> { });
    }

    /**
     * The same, telling {@code callersTime} the logical time an invocation's client context carries, before the
     * function runs: give it the clock the functions and the IAM simulator read.
     */
    public static LocalLambdaHost start(LocalFunctions functions, int port, Consumer<String> log,
                                        Consumer<Instant> callersTime) throws IOException {
        return start(functions, port, log, callersTime, Invocations.ONE_AT_A_TIME);
    }

    /**
     * How the host serves invocations that arrive together. On the logical clock, one at a time: the clock stands
     * still while a function runs, so two runs must not overlap. In real time, each on its own thread, as Lambda
     * runs concurrent invocations in instances of their own: a function that waits (the SDK's backoff on a throttled
     * call) does not hold up the others.
     */
    public enum Invocations { ONE_AT_A_TIME, CONCURRENTLY }

    /** The same, serving invocations as {@code invocations} says. */
    public static LocalLambdaHost start(LocalFunctions functions, int port, Consumer<String> log,
                                        Consumer<Instant> callersTime, Invocations invocations) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        LocalLambdaHost host = new LocalLambdaHost(server, functions, log, callersTime);
        server.createContext("/", host::serve);
        if (invocations == Invocations.CONCURRENTLY) {
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "local-lambda-invocation");
                thread.setDaemon(true);
                return thread;
            }));
        }
        server.start();
        return host;
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint URL for a Lambda client. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** The address the host listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            try {
                invoke(exchange);
            } catch (RuntimeException e) {
                log.accept(exchange.getRequestURI().getRawPath() + " -> 500 ServiceException: " + e);
                error(exchange, 500, "ServiceException", "Service",
                        "The local function host failed: " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches() || !"POST".equals(exchange.getRequestMethod())) {
            log.accept(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " -> 404 UnknownOperationException");
            error(exchange, 404, "UnknownOperationException", "User", "This host serves Lambda's Invoke only: POST"
                    + " /2015-03-31/functions/{FunctionName}/invocations");
            return;
        }
        String functionName = URLDecoder.decode(path.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        Matcher name = FUNCTION_NAME.matcher(functionName);
        if (functionName.length() > 170 || !name.matches() || name.group("name").length() > 64) {
            refuse(exchange, functionName, 400, "ValidationException", "1 validation error detected: Value '"
                    + functionName + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular"
                    + " expression pattern: " + FUNCTION_NAME.pattern().replaceAll("\\?<[a-z]+>", ""));
            return;
        }
        String qualifier = name.group("qualifier");
        String queried = queryParameter(exchange.getRequestURI().getRawQuery(), "Qualifier");
        if (queried != null) {
            if (!QUALIFIER.matcher(queried).matches()) {
                refuse(exchange, functionName, 400, "ValidationException", "1 validation error detected: Value '"
                        + queried + "' at 'qualifier' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: (|[a-zA-Z0-9$_-]+)");
                return;
            }
            if (qualifier != null && !qualifier.equals(queried)) {
                refuse(exchange, functionName, 400, "InvalidParameterValueException",
                        "The derived qualifier from the function name does not match the specified qualifier.");
                return;
            }
            qualifier = queried;
        }
        String function = name.group("name");
        if (!functions.has(function)) {
            refuse(exchange, functionName, 404, "ResourceNotFoundException",
                    "Function not found: " + arn(name, function, qualifier));
            return;
        }
        String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        if (invocationType != null && !invocationType.equals("RequestResponse") && !invocationType.equals("DryRun")) {
            refuse(exchange, functionName, 400, "InvalidParameterValueException", invocationType.equals("Event")
                    ? "This local host invokes synchronously only (RequestResponse), or checks a request (DryRun)."
                    : "Invocation type " + invocationType + " is none of Event, RequestResponse, DryRun.");
            return;
        }
        Optional<Instant> localTime;
        try {
            localTime = ClientContextTime.of(exchange.getRequestHeaders().getFirst(ClientContextTime.HEADER));
        } catch (IllegalArgumentException e) {
            refuse(exchange, functionName, 400, "InvalidRequestContentException", e.getMessage());
            return;
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_PAYLOAD_BYTES + 1);
        if (body.length > MAX_PAYLOAD_BYTES) {
            refuse(exchange, functionName, 413, "RequestTooLargeException",
                    "Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
            return;
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        try {
            if (!payload.isEmpty()) {
                LAMBDA_PAYLOAD_CHECK.readTree(payload);
            }
        } catch (JsonProcessingException e) {
            refuse(exchange, functionName, 400, "InvalidRequestContentException",
                    "Could not parse request body into json: " + e.getOriginalMessage());
            return;
        }
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        if ("DryRun".equals(invocationType)) {
            log.accept(functionName + " -> 204 (DryRun)");
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        localTime.ifPresent(callersTime);
        Invocation result = functions.invoke(function, payload);
        if (result.failed()) {
            log.accept(functionName + " -> Unhandled " + result.errorType() + ": " + result.errorMessage());
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            respond(exchange, 200, errorDocument(result).toString());
        } else {
            log.accept(functionName + " -> 200");
            respond(exchange, 200, result.payload());
        }
    }

    /** What the Lambda Java runtime writes for an exception a handler threw. */
    static ObjectNode errorDocument(Invocation failed) {
        ObjectNode document = Json.mapper().createObjectNode()
                .put("errorMessage", failed.errorMessage())
                .put("errorType", failed.errorType());
        ArrayNode trace = document.putArray("stackTrace");
        failed.stackTrace().forEach(trace::add);
        return document;
    }

    /** The ARN Lambda names in ResourceNotFoundException: the given one, completed as the local host reads it. */
    private String arn(Matcher name, String function, String qualifier) {
        String partition = name.group("partition") == null ? "aws" : name.group("partition");
        String region = name.group("region") == null ? DEFAULT_REGION : strip(name.group("region"));
        String account = name.group("account") == null ? functions.accountId() : strip(name.group("account"));
        return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + function
                + (qualifier == null ? "" : ":" + qualifier);
    }

    private static String strip(String withColon) {
        return withColon.substring(0, withColon.length() - 1);
    }

    private static String queryParameter(String rawQuery, String key) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(key)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void refuse(HttpExchange exchange, String functionName, int status, String type, String message)
            throws IOException {
        log.accept(functionName + " -> " + status + " " + type + ": " + message);
        error(exchange, status, type, "User", message);
    }

    /** An error of the Lambda API (not of the function): its type in x-amzn-ErrorType, {"Type", "Message"}. */
    private static void error(HttpExchange exchange, int status, String type, String fault, String message)
            throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        respond(exchange, status, Json.mapper().createObjectNode().put("Type", fault).put("Message", message).toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Stops listening: once this returns, nothing listens on the port. (The server's own stop returns early in an
     * interrupted thread, before its listener is really closed, so the interruption waits until it has stopped.)
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            server.stop(0);
            if (server.getExecutor() instanceof ExecutorService invocations) {
                invocations.shutdown();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
