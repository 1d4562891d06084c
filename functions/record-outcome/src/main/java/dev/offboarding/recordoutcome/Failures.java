package dev.offboarding.recordoutcome;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The error an execution fails with when a step failed: each function error is named as README's errors table says,
 * and its Cause says what the execution had done before. Any other error keeps its own name.
 */
final class Failures {
    private static final String JAVA = "dev.offboarding.errors.";
    private static final Map<String, String> NAMES = Map.of(
            JAVA + "IamAccessDeniedException", "Offboarding.AccessDenied",
            JAVA + "IamRequestFailedException", "Offboarding.IamRequestFailed",
            JAVA + "InvalidConfigurationException", "Offboarding.Misconfigured",
            JAVA + "IamRetryableException", "Offboarding.IamUnavailable",
            JAVA + "RoleNotUsableByDeadlineException", "Offboarding.MemberRoleNotUsable",
            JAVA + "RoleNotYetUsableException", "Offboarding.MemberRoleNotUsable",
            JAVA + "RecordStoreUnavailableException", "Offboarding.RecordsUnavailable",
            JAVA + "DenyNotAttachedException", "Offboarding.DenyNotAttached");
    private static final Set<String> REFUSED_REMOVAL = Set.of(JAVA + "InvalidRequestException",
            JAVA + "ItemNotTheUsersException");
    private static final Set<String> STOPPED = Set.of("States.Timeout", "Sandbox.Timedout", "Lambda.Unknown");
    static final String REMOVE_TOKENS = "RemoveTokens";
    /** The steps that read the request; any other step refusing its input is a defect, kept under its own name. */
    private static final Set<String> READS_THE_REQUEST = Set.of("CheckRoleUsable", "ListTokens");

    private Failures() {
    }

    static Conclusion of(Failure failure, List<RemovalRound> done, JsonNode interrupted) {
        String error = failure.error();
        if (STOPPED.contains(error)) {
            return described("Offboarding.StepTimedOut", Causes.stepTimedOut(error, failure.cause()), done,
                    interrupted);
        }
        if (REMOVE_TOKENS.equals(failure.step()) && REFUSED_REMOVAL.contains(error)) {
            return described("Offboarding.RemovalRefused", errorMessage(failure.cause()), done, interrupted);
        }
        if ((JAVA + "InvalidRequestException").equals(error) && READS_THE_REQUEST.contains(failure.step())) {
            // The request itself, refused by a step that reads it: its message alone when nothing was changed yet.
            String message = errorMessage(failure.cause());
            return done.isEmpty() ? Conclusion.failed("Offboarding.InvalidRequest", message)
                    : described("Offboarding.InvalidRequest", message, done, interrupted);
        }
        String name = NAMES.get(error);
        return name != null
                ? described(name, errorMessage(failure.cause()), done, interrupted)
                : described(error, failure.cause(), done, interrupted);
    }

    private static Conclusion described(String error, String message, List<RemovalRound> done, JsonNode interrupted) {
        return Conclusion.failed(error, Causes.withHistory(message, done, interrupted));
    }

    /** A function error's Cause is Lambda's error object: {"errorMessage", "errorType", ...}. */
    private static String errorMessage(String cause) {
        try {
            JsonNode message = Json.mapper().readTree(cause).path("errorMessage");
            return message.isTextual() ? message.asText() : cause;
        } catch (IOException | RuntimeException notJson) {
            return cause;
        }
    }
}
