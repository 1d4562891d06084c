package dev.offboarding.validaterequest;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.JsonRequestHandler;
import dev.offboarding.json.RequestReader;
import dev.offboarding.logging.FunctionLog;
import dev.offboarding.validation.ExecutionName;
import dev.offboarding.validation.MemberAccount;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import java.util.List;

/**
 * validate-request: the workflow's first state, before any IAM or STS call. It refuses what cannot be a request
 * (null, an array, a scalar), any explicit null, and what only the product may set: {@code memberAccount} and
 * {@code execution} (the workflow sets them), and {@code trigger} unless this execution is the one start-offboarding
 * started for that event (its name is derived from the event id). Then it validates the request like every function
 * and fills in the defaults, so the workflow never meets an absent or null flag.
 */
public final class ValidateRequestHandler extends JsonRequestHandler<WorkflowEntry, ValidatedRequest> {
    private static final List<String> SET_BY_THE_WORKFLOW = List.of("memberAccount", "execution", "phase", "recovery");

    private final EntrySettings settings;

    public ValidateRequestHandler() {
        this(EntrySettings.fromEnvironment(System.getenv()));
    }

    public ValidateRequestHandler(EntrySettings settings) {
        super(WorkflowEntry.class);
        this.settings = settings;
    }

    @Override
    public ValidatedRequest handle(WorkflowEntry entry, Context context) {
        JsonNode input = entry.request();
        if (input == null || !input.isObject()) {
            throw new InvalidRequestException("the input must be a JSON object, the offboarding request, such as"
                    + " {\"userName\": \"little_tester\"}; it is " + shape(input));
        }
        RequestReader.refuseAnyNull(input, "");
        for (String field : SET_BY_THE_WORKFLOW) {
            if (input.has(field)) {
                throw new InvalidRequestException(field + " is set only by the workflow itself (memberAccount when"
                        + " accountId names another account, recovery when an earlier run left its record unfinished,"
                        + " execution and phase always): leave it out");
            }
        }
        OffboardingRequest request = RequestReader.read(input, OffboardingRequest.class);
        if (request.trigger() != null) {
            refuseUnboundTrigger(request.trigger(), entry.executionName());
        }
        MemberAccount member = memberAccount(request, entry.executionName());
        OffboardingRequest complete = withDefaults(request);
        FunctionLog.of(context, entry.execution(), request.userName()).info("request-valid",
                "accountId", request.accountId(), "dryRun", complete.dryRun(), "force", complete.force(),
                "quarantineDays", complete.quarantineDays(), "allowPrivileged", complete.allowPrivileged(),
                "triggered", request.trigger() != null);
        return new ValidatedRequest(complete, member);
    }

    /**
     * A trigger is start-offboarding's record of the event that started the run. It names the execution after the
     * event, so a trigger is believed only by the execution of that name: anyone else claiming an event is refused.
     */
    private static void refuseUnboundTrigger(Trigger trigger, String executionName) {
        String expected = ExecutionName.forEvent(trigger.eventId());
        if (!expected.equals(executionName)) {
            throw new InvalidRequestException("trigger is set only by start-offboarding, for the execution it starts"
                    + " for that event (named \"" + expected + "\"; this one is \"" + executionName + "\"): leave it"
                    + " out when starting an offboarding by hand");
        }
    }

    private MemberAccount memberAccount(OffboardingRequest request, String executionName) {
        if (request.accountId() == null || request.accountId().equals(settings.homeAccountId())) {
            return null;
        }
        List<String> problems = MemberAccount.sessionNameProblems("the execution's name", executionName);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new MemberAccount(request.accountId(), executionName);
    }

    private OffboardingRequest withDefaults(OffboardingRequest r) {
        return new OffboardingRequest(r.userName(), r.accountId(), orFalse(r.dryRun()), orFalse(r.force()),
                r.quarantineDays() == null ? settings.defaultQuarantineDays() : r.quarantineDays(), r.reason(),
                r.requestedBy(), orFalse(r.allowPrivileged()), r.trigger(), null, null, null, null);
    }

    private static Boolean orFalse(Boolean flag) {
        return flag != null && flag;
    }

    private static String shape(JsonNode input) {
        if (input == null || input.isNull()) {
            return "null";
        }
        if (input.isArray()) {
            return "an array";
        }
        return input.isTextual() ? "a string" : input.isNumber() ? "a number" : input.isBoolean() ? "a boolean"
                : "not an object";
    }
}
