package dev.offboarding.priming;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.offboarding.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * <p>Outside a CRaC-capable runtime (SnapStart off, local runs) the registration is a no-op.
 */
public final class SnapStartPriming implements Resource {
    private final String functionName;
    private final Function<OfflineIam, RequestStreamHandler> offlineTwin;
    private final String sampleRequest;

    private SnapStartPriming(String functionName, Function<OfflineIam, RequestStreamHandler> offlineTwin,
                             String sampleRequest) {
        this.functionName = functionName;
        this.offlineTwin = offlineTwin;
        this.sampleRequest = sampleRequest;
    }

    /** Priming for one handler: {@code offlineTwin} makes the handler over an offline gateway. */
    public static SnapStartPriming of(String functionName, Function<OfflineIam, RequestStreamHandler> offlineTwin,
                                      String sampleRequest) {
        return new SnapStartPriming(functionName, offlineTwin, sampleRequest);
    }

    /**
     * Registers priming with the runtime. Keep the returned resource in a field of the handler: CRaC holds resources
     * weakly, so an unreferenced one would be collected before the checkpoint.
     */
    public static SnapStartPriming register(SnapStartPriming priming) {
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: the real clients were built from the environment and hold no connection
    }

    /** Serves the sample request offline; returns the IAM actions that were answered in memory. */
    public java.util.List<String> prime() {
        OfflineIam iam = new OfflineIam();
        try {
            offlineTwin.apply(iam).handleRequest(new ByteArrayInputStream(sampleRequest.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), new LocalContext(functionName));
        } catch (IOException | RuntimeException e) {
            // Priming only warms up; a failure here must not stop the function from being published.
        }
        return iam.answered();
    }
}
