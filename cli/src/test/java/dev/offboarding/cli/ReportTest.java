package dev.offboarding.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a machine reading --json is told when a run ended badly after IAM had already deleted the user. */
class ReportTest {
    private static final IamGate.Change DELETED = new IamGate.Change("DeleteUser", Map.of("UserName", "bob"));

    private static JsonNode failed(Report.Aftermath after) throws Exception {
        StringWriter text = new StringWriter();
        new Report(new PrintWriter(text), true).failed("Offboarding.IamUnavailable", "IAM kept throttling", 3.0, after);
        return new ObjectMapper().readTree(text.toString());
    }

    @Test
    void aRunThatDeletedTheUserIsNeverReportedAsFailed() throws Exception {
        JsonNode result = failed(new Report.Aftermath("bob", List.of(DELETED), List.of(), false, null));

        assertEquals("USER_GONE", result.path("status").asText(), result.toString());
        assertEquals("Offboarding.IamUnavailable", result.path("error").asText(), "the workflow's Error is kept");
    }

    @Test
    void aRunThatLeftTheUserInPlaceIsReportedAsFailed() throws Exception {
        JsonNode result = failed(new Report.Aftermath("bob", List.of(), List.of(), true, "run it again"));

        assertEquals("FAILED", result.path("status").asText(), result.toString());
    }
}
