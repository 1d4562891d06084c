package dev.offboarding.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.util.AwsHeader;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The front door every API call goes through: one call at a time, injected faults first (so a failed
 * call changes nothing), then the operation, then the call log, then the afterCall hooks, then the caller's crash if
 * this call is the crash point ({@link FaultInjector#crashAfter}).
 */
final class CallInvoker {

    private final Object lock;
    private final Clock clock;
    private final CallLog log = new CallLog();
    private final FaultInjector faults;
    private final Map<String, List<Runnable>> hooks = new HashMap<>();
    private final Set<String> hooksRunning = new HashSet<>();
    private long requests;
    private volatile Duration latency = Duration.ZERO;
    private volatile HeldCalls holding;
    /** The logical clock of the spans: each call's arrival and answer each take the next tick. */
    private final AtomicLong ticks = new AtomicLong();

    CallInvoker(Object lock, Clock clock, FaultInjector faults) {
        this.lock = lock;
        this.clock = clock;
        this.faults = faults;
    }

    CallLog log() {
        return log;
    }

    FaultInjector faults() {
        return faults;
    }

    void afterCall(String operation, Runnable hook) {
        synchronized (lock) {
            hooks.computeIfAbsent(Objects.requireNonNull(operation, "operation"), op -> new ArrayList<>())
                    .add(Objects.requireNonNull(hook, "hook"));
        }
    }

    /** The identifiers of a request for the log: the non-null parts joined by {@code /}. Never pass a secret. */
    static String target(String... parts) {
        return Stream.of(parts).filter(Objects::nonNull).collect(Collectors.joining("/"));
    }

    void latency(Duration perCall) {
        latency = perCall;
    }

    /** Holds every later call in flight until released; only one holder at a time. */
    HeldCalls holdCalls() {
        synchronized (this) {
            if (holding != null) {
                throw new IllegalStateException("calls are already being held: close that HeldCalls first");
            }
            HeldCalls[] created = new HeldCalls[1];
            created[0] = new HeldCalls(() -> {
                synchronized (this) {
                    if (holding == created[0]) {
                        holding = null;
                    }
                }
            });
            holding = created[0];
            return created[0];
        }
    }

    <T extends SdkResponse> T call(String operation, String target, Function<Fault, AwsServiceException> faultErrors,
                                   Supplier<T> action) {
        return call(operation, target, null, faultErrors, action);
    }

    /** The same, held to {@code buckets}' rates first (null: not rate-limited). */
    <T extends SdkResponse> T call(String operation, String target, TokenBuckets buckets,
                                   Function<Fault, AwsServiceException> faultErrors, Supplier<T> action) {
        long arrived = ticks.incrementAndGet();
        try {
            awaitNetwork();
            HeldCalls held = holding;
            // A hook's calls are made under the lock, by the call that triggered them: holding one would hold all.
            if (held != null && !Thread.holdsLock(lock)) {
                held.hold(operation);
            }
            return serve(operation, target, buckets, faultErrors, action);
        } finally {
            log.record(new CallSpan(operation, arrived, ticks.incrementAndGet()));
        }
    }

    /** The injected round-trip time, spent outside the lock so that concurrent callers overlap as on a network. */
    private void awaitNetwork() {
        Duration wait = latency;
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the simulated round trip", e);
        }
    }

    private <T extends SdkResponse> T serve(String operation, String target, TokenBuckets buckets,
                                            Function<Fault, AwsServiceException> faultErrors, Supplier<T> action) {
        synchronized (lock) {
            faults.refuseIfCrashed(operation);
            String requestId = nextRequestId();
            T response;
            // Calls made by hooks are part of the scenario, not traffic under test: no rate limit, no faults for them.
            if (hooksRunning.isEmpty() && buckets != null && !buckets.tryTake(operation)) {
                AwsServiceException throttled = faultErrors.apply(Fault.THROTTLING);
                log.recordRateLimited(new Call(operation, target, throttled.awsErrorDetails().errorCode(),
                        clock.instant(), CallLog.isMutating(operation)));
                throw throttled.toBuilder().requestId(requestId).build();
            }
            try {
                if (hooksRunning.isEmpty()) {
                    faults.next(operation).ifPresent(fault -> {
                        throw faultErrors.apply(fault);
                    });
                }
                response = action.get();
            } catch (AwsServiceException e) {
                log.record(new Call(operation, target, e.awsErrorDetails().errorCode(), clock.instant(),
                        CallLog.isMutating(operation)));
                throw e.toBuilder().requestId(requestId).build();
            } catch (RuntimeException e) {
                log.record(new Call(operation, target, e.getClass().getSimpleName(), clock.instant(),
                        CallLog.isMutating(operation)));
                throw e;
            }
            Call served = new Call(operation, target, "OK", clock.instant(), CallLog.isMutating(operation));
            log.record(served);
            runHooks(operation);
            if (hooksRunning.isEmpty()) {
                faults.crashIfAt(served);
            }
            return asDelivered(response, requestId);
        }
    }

    private void runHooks(String operation) {
        List<Runnable> registered = hooks.getOrDefault(operation, List.of());
        // A hook whose own calls trigger it again would never end; it runs once per outside call.
        if (registered.isEmpty() || !hooksRunning.add(operation)) {
            return;
        }
        try {
            List.copyOf(registered).forEach(Runnable::run);
        } finally {
            hooksRunning.remove(operation);
        }
    }

    private String nextRequestId() {
        requests++;
        return UUID.nameUUIDFromBytes(("iam-simulator-request-" + requests).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Gives the answer what a real one has beyond its payload: an HTTP 200 and a request id, so code that
     * logs {@code responseMetadata().requestId()} works unchanged.
     */
    @SuppressWarnings("unchecked")
    private static <T extends SdkResponse> T asDelivered(T response, String requestId) {
        SdkResponse.Builder builder = response.toBuilder()
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(200).statusText("OK").build());
        if (builder instanceof AwsResponse.Builder aws) {
            aws.responseMetadata(DefaultAwsResponseMetadata.create(Map.of(AwsHeader.AWS_REQUEST_ID, requestId)));
        }
        return (T) builder.build();
    }
}
