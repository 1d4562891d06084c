package dev.offboarding.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamRequest;
import software.amazon.awssdk.services.iam.model.IamResponse;

/**
 * The IAM client a local run's functions are given. It lets the command know, whatever IAM is, which changes IAM
 * confirmed (so a run that fails or is stopped can say what it had already done), and, once closed, lets no call
 * through (so a stopped run makes no further IAM call, whatever the engine or a function still tries).
 *
 * <p>Every IAM operation reaches the client through one method taking its request; the SDK's convenience forms
 * (request builders, paginators) are the interface's own and run on this client, so their calls are seen too.
 */
final class IamGate implements InvocationHandler {
    private static final List<String> READ_ONLY = List.of("get", "list", "simulate", "generate");

    private final IamClient iam;
    private final IamClient gated;
    private final List<Change> changes = new ArrayList<>();
    private final List<Change> inFlight = new ArrayList<>();
    private boolean closed;
    private int refused;

    /** One IAM call that changes something: its operation and the identifiers it named (never a secret). */
    record Change(String operation, Map<String, String> parameters) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(operation);
            parameters.forEach((name, value) -> text.append(' ').append(name).append('=').append(value));
            return text.toString();
        }
    }

    /** Thrown to a function that calls IAM after the run was stopped. */
    static final class RunStopped extends IllegalStateException {
        RunStopped(String operation) {
            super("the run was stopped: " + operation + " was not sent to IAM");
        }
    }

    IamGate(IamClient iam) {
        this.iam = iam;
        this.gated = (IamClient) Proxy.newProxyInstance(IamClient.class.getClassLoader(),
                new Class<?>[] {IamClient.class}, this);
    }

    /** The client to give the functions. */
    IamClient client() {
        return gated;
    }

    /** The changes IAM confirmed so far, in the order it answered. */
    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /** How many calls were refused because the gate was closed. */
    synchronized int refused() {
        return refused;
    }

    /** From now on no call goes through; calls already sent are still answered (see {@link #awaitAnswers}). */
    synchronized void close() {
        closed = true;
    }

    /**
     * Waits until IAM has answered every call already sent, at most {@code bound}. Returns the changes still
     * unanswered then (IAM may or may not have made them): empty once everything is answered.
     */
    synchronized List<Change> awaitAnswers(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!inFlight.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return inFlight.stream().filter(c -> isChange(c.operation())).toList();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "IamGate(" + iam + ")";
            };
        }
        if (args != null && args.length == 1 && args[0] instanceof IamRequest request
                && IamResponse.class.isAssignableFrom(method.getReturnType())) {
            return call(method, request);
        }
        if (method.getName().equals("close")) {
            return null; // the command owns the client and its connections
        }
        if (method.isDefault() && !method.getName().equals("serviceName")
                && !method.getName().equals("serviceClientConfiguration")) {
            // Request builders and paginators: they call this client back with the request.
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return invokeOn(method, args);
    }

    private Object call(Method method, IamRequest request) throws Throwable {
        String operation = method.getName().substring(0, 1).toUpperCase(Locale.ROOT) + method.getName().substring(1);
        Change call = new Change(operation, identifiers(request));
        synchronized (this) {
            if (closed) {
                refused++;
                throw new RunStopped(operation);
            }
            inFlight.add(call);
        }
        boolean answered = false;
        try {
            Object response = invokeOn(method, new Object[] {request});
            answered = true;
            return response;
        } finally {
            synchronized (this) {
                inFlight.remove(call);
                if (answered && isChange(operation)) {
                    changes.add(call);
                }
                notifyAll();
            }
        }
    }

    private Object invokeOn(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(iam, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isChange(String operation) {
        String lower = operation.toLowerCase(Locale.ROOT);
        return READ_ONLY.stream().noneMatch(lower::startsWith);
    }

    /**
     * The request's identifiers (user name, key id, serial number, policy name or ARN, group name, status), in the
     * SDK model's order. Documents, bodies and passwords are never kept: only fields whose names say they identify.
     */
    private static Map<String, String> identifiers(IamRequest request) {
        Map<String, String> identifiers = new LinkedHashMap<>();
        for (SdkField<?> field : request.sdkFields()) {
            String name = field.memberName();
            boolean identifies = name.endsWith("Name") || name.endsWith("Id") || name.endsWith("Arn")
                    || name.equals("SerialNumber") || name.equals("Status");
            Object value = field.getValueOrDefault(request);
            if (identifies && value instanceof String text) {
                identifiers.put(name, text);
            }
        }
        return identifiers;
    }
}
