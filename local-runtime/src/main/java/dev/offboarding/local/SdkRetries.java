package dev.offboarding.local;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import dev.offboarding.iam.IamClients;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * An SDK retry strategy around an in-memory IAM client (the simulator), which has no HTTP pipeline for the SDK to
 * retry in: each call takes the strategy's initial token (ADAPTIVE_V2's client-side rate limiter may make it wait),
 * and a failure asks the strategy for a retry token (it decides whether the error is retryable, the backoff, the
 * retry quota), exactly the calls the SDK's retry stage makes around each HTTP attempt. So a local run retries a
 * throttled call as a deployed function does, instead of failing the whole invocation back to the workflow.
 */
public final class SdkRetries {
    private static final String SCOPE = "iam";

    private SdkRetries() {
    }

    /** No SDK retries: each call is one request, as the simulator is called in memory. */
    public static final UnaryOperator<IamClient> NONE = UnaryOperator.identity();

    /** Clients that retry as the deployed functions' clients do ({@link IamClients#retryStrategy()}). */
    public static UnaryOperator<IamClient> asDeployed() {
        return with(IamClients::retryStrategy);
    }

    /**
     * Clients that retry as {@code strategy} says. Each thread has its own strategy (its retry quota, ADAPTIVE_V2's
     * measured rate), as each Lambda instance has its own client and serves one invocation at a time: the local
     * function host serves each invocation on a thread of its own.
     */
    public static UnaryOperator<IamClient> with(Supplier<RetryStrategy> strategy) {
        Objects.requireNonNull(strategy, "strategy");
        ThreadLocal<RetryStrategy> perThread = ThreadLocal.withInitial(strategy);
        return iam -> around(iam, perThread);
    }

    static IamClient around(IamClient iam, ThreadLocal<RetryStrategy> strategy) {
        Map<Method, Boolean> implemented = new ConcurrentHashMap<>();
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(iam, args);
                }
                if (!implemented.computeIfAbsent(method, m -> implementedBy(iam, m))) {
                    // the SDK's own defaults (paginators, consumer builders) call back into the retrying methods
                    return InvocationHandler.invokeDefault(proxy, method, args);
                }
                return retried(iam, method, args, strategy.get());
            }
        };
        return (IamClient) Proxy.newProxyInstance(IamClient.class.getClassLoader(), new Class<?>[] {IamClient.class},
                handler);
    }

    private static boolean implementedBy(IamClient iam, Method method) {
        try {
            return iam.getClass().getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass()
                    != IamClient.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Object retried(IamClient iam, Method method, Object[] args, RetryStrategy strategy)
            throws Throwable {
        AcquireInitialTokenResponse initial = strategy.acquireInitialToken(AcquireInitialTokenRequest.create(SCOPE));
        pause(initial.delay());
        RetryToken token = initial.token();
        // bounded by the strategy's maxAttempts: refreshRetryToken refuses the attempt after the last
        while (true) {
            try {
                Object result = method.invoke(iam, args);
                strategy.recordSuccess(RecordSuccessRequest.create(token));
                return result;
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                try {
                    var refreshed = strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token)
                            .failure(failure).build());
                    pause(refreshed.delay());
                    token = refreshed.token();
                } catch (TokenAcquisitionFailedException notRetried) {
                    throw failure;
                }
            }
        }
    }

    private static void pause(Duration delay) throws InterruptedException {
        if (!delay.isZero() && !delay.isNegative()) {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanosPart() % 1_000_000));
        }
    }
}
