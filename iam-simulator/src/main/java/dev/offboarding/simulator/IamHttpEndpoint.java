package dev.offboarding.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamRequest;

/**
 * The simulator behind a loopback HTTP server that speaks IAM's query protocol, so that a real SDK client (and a
 * whole Lambda process) can be pointed at it with {@code AWS_ENDPOINT_URL_IAM=http://127.0.0.1:<port>}.
 *
 * <p>A request is a form-encoded POST {@code Action=GetUser&Version=2010-05-08&UserName=...}; the answer is IAM's
 * XML: {@code <GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult>...</GetUserResult>
 * <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata></GetUserResponse>}, lists as {@code <member>}
 * elements, errors as {@code <ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>...}. Requests and
 * answers are translated by the SDK's own model metadata, so every operation the simulator implements is served.
 * Signatures are not checked. Requests are served concurrently; the simulator serialises what must be.
 */
public final class IamHttpEndpoint implements AutoCloseable {
    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile Supplier<IamSimulator> simulator;

    private IamHttpEndpoint(HttpServer server, ExecutorService workers, Supplier<IamSimulator> simulator) {
        this.server = server;
        this.workers = workers;
        this.simulator = simulator;
    }

    /** Serves {@code simulator} on a free loopback port. */
    public static IamHttpEndpoint start(IamSimulator simulator) {
        return start(() -> simulator);
    }

    /** Serves whichever simulator {@code current} gives at each request (so a benchmark can reset the world). */
    public static IamHttpEndpoint start(Supplier<IamSimulator> current) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "iam-http-endpoint");
                thread.setDaemon(true);
                return thread;
            });
            IamHttpEndpoint endpoint = new IamHttpEndpoint(server, workers, current);
            server.createContext("/", endpoint::serve);
            server.setExecutor(workers);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the IAM endpoint", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the value for AWS_ENDPOINT_URL_IAM. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> form = parseForm(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String action = first(form, "Action");
            String requestId = UUID.randomUUID().toString();
            Answer answer;
            try {
                answer = new Answer(200, success(action, invoke(action, form), requestId));
            } catch (AwsServiceException e) {
                int status = e.statusCode() == 0 ? 400 : e.statusCode();
                answer = new Answer(status, error(status >= 500 ? "Receiver" : "Sender",
                        e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage(), requestId));
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                answer = new Answer(400, error("Sender", "InvalidAction",
                        "The action " + action + " is not valid for this endpoint.", requestId));
            } catch (RuntimeException e) {
                answer = new Answer(500, error("Receiver", "ServiceFailure", e.toString(), requestId));
            }
            byte[] body = answer.xml().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Answer(int status, String xml) {
    }

    private Object invoke(String action, Map<String, List<String>> form) {
        Method operation = operation(action);
        Object request = request(operation.getParameterTypes()[0], form);
        try {
            return operation.invoke(simulator.get(), request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ListSSHPublicKeys} is {@code IamClient.listSSHPublicKeys(ListSshPublicKeysRequest)}. */
    static Method operation(String action) {
        if (action == null) {
            throw new IllegalArgumentException("no Action");
        }
        for (Method method : IamClient.class.getMethods()) {
            if (method.getName().equalsIgnoreCase(action) && method.getParameterCount() == 1
                    && IamRequest.class.isAssignableFrom(method.getParameterTypes()[0])) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown Action " + action);
    }

    private static Object request(Class<?> type, Map<String, List<String>> form) {
        try {
            Object builder = type.getMethod("builder").invoke(null);
            for (SdkField<?> field : ((SdkPojo) builder).sdkFields()) {
                Object value = parameter(field, form);
                if (value != null) {
                    field.set(builder, value);
                }
            }
            return ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object parameter(SdkField<?> field, Map<String, List<String>> form) {
        String name = field.locationName();
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            List<String> members = new ArrayList<>();
            for (int i = 1; form.containsKey(name + ".member." + i); i++) {
                members.add(first(form, name + ".member." + i));
            }
            return form.containsKey(name) || !members.isEmpty() ? members : null;
        }
        String text = first(form, name);
        if (text == null) {
            return null;
        }
        if (type == MarshallingType.INTEGER) {
            return Integer.valueOf(text);
        }
        if (type == MarshallingType.BOOLEAN) {
            return Boolean.valueOf(text);
        }
        if (type == MarshallingType.STRING) {
            return text;
        }
        throw new IllegalArgumentException("parameter " + name + " of type " + type + " is not supported");
    }

    static String success(String action, Object response, String requestId) {
        StringBuilder xml = new StringBuilder("<").append(action).append("Response xmlns=\"").append(NAMESPACE)
                .append("\">");
        StringBuilder result = new StringBuilder();
        writeFields((SdkPojo) response, result);
        if (!result.isEmpty()) {
            xml.append('<').append(action).append("Result>").append(result).append("</").append(action)
                    .append("Result>");
        }
        return xml.append("<ResponseMetadata><RequestId>").append(requestId)
                .append("</RequestId></ResponseMetadata></").append(action).append("Response>").toString();
    }

    static String error(String type, String code, String message, String requestId) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + escape(code)
                + "</Code><Message>" + escape(message) + "</Message></Error><RequestId>" + requestId
                + "</RequestId></ErrorResponse>";
    }

    private static void writeFields(SdkPojo pojo, StringBuilder xml) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || isAutoConstructEmpty(value)) {
                continue;
            }
            String name = field.unmarshallLocationName();
            xml.append('<').append(name).append('>');
            writeValue(value, xml);
            xml.append("</").append(name).append('>');
        }
    }

    private static boolean isAutoConstructEmpty(Object value) {
        return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
    }

    private static void writeValue(Object value, StringBuilder xml) {
        if (value instanceof SdkPojo nested) {
            writeFields(nested, xml);
        } else if (value instanceof Collection<?> members) {
            for (Object member : members) {
                xml.append("<member>");
                writeValue(member, xml);
                xml.append("</member>");
            }
        } else if (value instanceof SdkBytes bytes) {
            xml.append(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, entry) -> {
                xml.append("<entry><key>");
                writeValue(key, xml);
                xml.append("</key><value>");
                writeValue(entry, xml);
                xml.append("</value></entry>");
            });
        } else {
            xml.append(escape(String.valueOf(value)));
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#xD;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static Map<String, List<String>> parseForm(String body) {
        Map<String, List<String>> form = new TreeMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
