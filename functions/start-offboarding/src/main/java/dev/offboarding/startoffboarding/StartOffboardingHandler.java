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
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/**
 * start-offboarding: the EventBridge entry point. Validates the event before anything else, then starts one
 * OffboardUser execution named after the event id, with the event's id, source and time as the request's
 * {@code trigger}. The event is an offboarding request from another system (its {@code detail} is the request), or
 * an IAM Access Analyzer finding of unused access, which starts a quarantine of its user
 * ({@link UnusedAccessFinding}) or, when it is not a stale user's, nothing ({@link StartOutcome#IGNORED}). A fleet
 * request ({@link FleetOffboardingEvent}) starts one OffboardFleet execution ({@code FLEET_STATE_MACHINE_ARN}) the same
 * way, its detail the fleet request with the event as its {@code trigger}.
 * EventBridge delivers at least once: a second delivery of the same event finds its execution name taken
 * ({@code ExecutionAlreadyExists}) and succeeds without starting anything.
 * A malformed event, or one that asks for what this deployment does not let events ask for ({@link EventPolicy}),
 * fails with {@link InvalidRequestException} and starts nothing; the failed invocation ends in the dead-letter queue
 * with that reason.
 */
public final class StartOffboardingHandler extends JsonRequestHandler<DeliveredEvent, StartOffboardingResult> {
    /** Only the fields that were sent: the workflow treats an explicit null as a malformed flag. */
    private static final ObjectWriter INPUT_WRITER = Json.omittingNulls().writer();

    private final SfnClient sfn;
    private final WorkflowSettings settings;

    public StartOffboardingHandler() {
        this(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                WorkflowSettings.fromEnvironment(System.getenv()));
    }

    StartOffboardingHandler(SfnClient sfn, WorkflowSettings settings) {
        super(DeliveredEvent.class);
        this.sfn = sfn;
        this.settings = settings;
    }

    /**
     * An offboarding event's or a fleet request's detail is a caller's request: no null in it at all, since a null would start the run as
     * if absent. (A finding's detail is AWS's, read field by field: see {@link UnusedAccessFinding}.)
     */
    @Override
    protected void checkRaw(JsonNode event) {
        if (event.isObject() && event.hasNonNull("detail") && !UnusedAccessFindingEvent.isOne(event)) {
            RequestReader.refuseAnyNull(event.get("detail"), "detail");
        }
    }

    @Override
    public StartOffboardingResult handle(DeliveredEvent event, Context context) {
        if (event instanceof UnusedAccessFindingEvent finding) {
            return handle(finding, context);
        }
        if (event instanceof FleetOffboardingEvent fleet) {
            return handle(fleet, context);
        }
        OffboardingEvent offboarding = (OffboardingEvent) event;
        List<String> refused = settings.events().problems(offboarding);
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
        return start(offboarding, offboarding.request(), context);
    }

    /** A fleet request: one OffboardFleet execution named after the event, if this deployment lets events start one. */
    private StartOffboardingResult handle(FleetOffboardingEvent event, Context context) {
        List<String> refused = new ArrayList<>();
        if (settings.fleetStateMachineArn() == null) {
            refused.add("detail-type \"" + FleetOffboardingEvent.DETAIL_TYPE + "\": this deployment starts no fleet"
                    + " runs from events (" + WorkflowSettings.FLEET_STATE_MACHINE_ARN + " is not set): set it to the"
                    + " OffboardFleet state machine's ARN, or start the fleet run by hand (offboard fleet start)");
        }
        refused.addAll(settings.events().problems(event));
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
        return start(event, settings.fleetStateMachineArn(), input(event.request()), null, context);
    }

    private StartOffboardingResult handle(UnusedAccessFindingEvent event, Context context) {
        List<String> refused = settings.events().problems(event);
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
        UnusedAccessFinding finding = event.detail();
        String user = finding.userName().orElse(null);
        java.util.Optional<String> ignored = finding.whyNoQuarantine();
        if (ignored.isPresent()) {
            FunctionLog.of(context, null, user).info("finding-ignored", "eventId", event.id(), "source", event.source(),
                    "findingId", finding.findingId(), "findingType", finding.findingType(), "reason", ignored.get());
            return StartOffboardingResult.ignored(user, "nothing started: " + ignored.get());
        }
        return start(event, finding.quarantine(event.trigger(), settings.staleAccessQuarantineDays()), context);
    }

    private StartOffboardingResult start(DeliveredEvent event, OffboardingRequest request, Context context) {
        return start(event, settings.stateMachineArn(), input(request), request.userName(), context);
    }

    /** One execution of {@code stateMachineArn} named after the event; {@code userName} null for a fleet run. */
    private StartOffboardingResult start(DeliveredEvent event, String stateMachineArn, String input, String userName,
                                         Context context) {
        String name = ExecutionName.forEvent(event.id());
        String expectedArn = WorkflowSettings.executionArn(stateMachineArn, name);
        FunctionLog log = FunctionLog.of(context, expectedArn, userName);
        try {
            String arn = sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn)
                    .name(name).input(input).build()).executionArn();
            log.info("execution-started", "eventId", event.id(), "source", event.source());
            return StartOffboardingResult.of(arn, name, userName, StartOutcome.STARTED);
        } catch (ExecutionAlreadyExistsException duplicate) {
            log.info("execution-already-started", "eventId", event.id(), "source", event.source());
            return StartOffboardingResult.of(expectedArn, name, userName, StartOutcome.ALREADY_STARTED);
        } catch (SdkException e) {
            throw new WorkflowNotStartedException("could not start " + stateMachineArn + " for event " + event.id()
                    + (userName == null ? "" : " (user " + userName + ")") + ": " + e.getMessage(), e);
        }
    }

    /** Only the fields that were sent. */
    private static String input(Object request) {
        try {
            return INPUT_WRITER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request is always writable as JSON", e);
        }
    }
}
