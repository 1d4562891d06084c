package dev.offboarding.startoffboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.WorkflowNotStartedException;
import dev.offboarding.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.json.RequestReader;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.validation.ExecutionName;
import dev.offboarding.validation.OffboardingRequest;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * start-offboarding: the EventBridge entry point. Validates the event (its {@code detail} is the offboarding request)
 * before anything else, then starts one OffboardUser execution named after the event id, with the event's id, source
 * and time as the request's {@code trigger}. EventBridge delivers at least once: a second delivery of the same event
 * finds its execution name taken ({@code ExecutionAlreadyExists}) and succeeds without starting anything.
 * A malformed event, or one that asks for what this deployment does not let events ask for ({@link EventPolicy}),
 * fails with {@link InvalidRequestException} and starts nothing; the failed invocation ends in the dead-letter queue
 * with that reason.
 */
public final class StartOffboardingHandler extends JsonRequestHandler<OffboardingEvent, StartOffboardingResult> {
    /** Only the fields that were sent: the workflow treats an explicit null as a malformed flag. */
    private static final ObjectWriter INPUT_WRITER = Json.omittingNulls().writer();

    private final SfnClient sfn;
    private final WorkflowSettings settings;

    public StartOffboardingHandler() {
        this(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                WorkflowSettings.fromEnvironment(System.getenv()));
    }

    StartOffboardingHandler(SfnClient sfn, WorkflowSettings settings) {
        super(OffboardingEvent.class);
        this.sfn = sfn;
        this.settings = settings;
    }

    /** The detail is a caller's request: no null in it at all, since a null would start the run as if absent. */
    @Override
    protected void checkRaw(JsonNode event) {
        if (event.isObject() && event.hasNonNull("detail")) {
            RequestReader.refuseAnyNull(event.get("detail"), "detail");
        }
    }

    @Override
    public StartOffboardingResult handle(OffboardingEvent event, Context context) {
        List<String> refused = settings.events().problems(event);
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
        OffboardingRequest request = event.request();
        String name = ExecutionName.forEvent(event.id());
        String expectedArn = settings.executionArn(name);
        FunctionLog log = FunctionLog.of(context, expectedArn, request.userName());
        try {
            String arn = sfn.startExecution(r -> r.stateMachineArn(settings.stateMachineArn()).name(name)
                    .input(input(request))).executionArn();
            log.info("execution-started", "eventId", event.id(), "source", event.source());
            return new StartOffboardingResult(arn, name, request.userName(), StartOutcome.STARTED);
        } catch (ExecutionAlreadyExistsException duplicate) {
            log.info("execution-already-started", "eventId", event.id(), "source", event.source());
            return new StartOffboardingResult(expectedArn, name, request.userName(), StartOutcome.ALREADY_STARTED);
        } catch (SdkException e) {
            throw new WorkflowNotStartedException("could not start " + settings.stateMachineArn() + " for event "
                    + event.id() + " (user " + request.userName() + "): " + e.getMessage(), e);
        }
    }

    private static String input(OffboardingRequest request) {
        try {
            return INPUT_WRITER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an offboarding request is always writable as JSON", e);
        }
    }
}
