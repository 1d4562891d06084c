package dev.offboarding.fleetrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import java.io.IOException;
import java.util.Map;

/**
 * The error a fleet execution fails with: a function's Java exception is named as the fleet's Offboarding.* error,
 * and its Cause (Lambda's error object) becomes its message. Any other error keeps its own name.
 */
final class FleetErrors {
    static final String REJECTED = "Offboarding.FleetRejected";
    static final String BLAST_RADIUS = "Offboarding.BlastRadiusExceeded";
    /** What the approval step's SendTaskFailure says when the person rejects the plan. */
    static final String APPROVAL_REJECTED = "Offboarding.Rejected";
    private static final String JAVA = "dev.offboarding.errors.";
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(JAVA + "InvalidRequestException", "Offboarding.InvalidRequest"),
            Map.entry(JAVA + "SelectionFailedException", "Offboarding.SelectionFailed"),
            Map.entry(JAVA + "CredentialReportNotReadyException", "Offboarding.CredentialReportNotReady"),
            Map.entry(JAVA + "BlastRadiusExceededException", BLAST_RADIUS),
            Map.entry(JAVA + "MapRunResultsUnreadableException", "Offboarding.ResultsUnreadable"),
            Map.entry(JAVA + "RecordStoreUnavailableException", "Offboarding.RecordsUnavailable"),
            Map.entry(JAVA + "InvalidConfigurationException", "Offboarding.Misconfigured"),
            Map.entry(JAVA + "IamAccessDeniedException", "Offboarding.AccessDenied"),
            Map.entry(JAVA + "IamRequestFailedException", "Offboarding.IamRequestFailed"),
            Map.entry(JAVA + "IamRetryableException", "Offboarding.IamUnavailable"),
            Map.entry(JAVA + "RoleNotUsableByDeadlineException", "Offboarding.MemberRoleNotUsable"),
            Map.entry(JAVA + "RoleNotYetUsableException", "Offboarding.MemberRoleNotUsable"),
            Map.entry(APPROVAL_REJECTED, REJECTED));

    private FleetErrors() {
    }

    static Ending named(Ending caught) {
        String name = NAMES.getOrDefault(caught.error(), caught.error());
        return new Ending(name, caught.cause() == null ? null : errorMessage(caught.cause()));
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
