package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.User;

/**
 * What a fleet selection reads (GetAccountSummary, ListUsers by path, ListUserTags, the credential report) parses
 * over HTTP with the real SDK client as IAM's answers do: the SummaryMap's entries, the report's Base64 Content, and
 * the report's errors as the SDK's modelled exceptions.
 */
class FleetReadsAnswerOverHttpAsIamDoesTest {

    private final MutableClock clock = Fixtures.clock();
    private IamSimulator sim;
    private SdkOverHttp http;
    private IamClient iam;

    @BeforeEach
    void serve() throws Exception {
        sim = IamSimulator.fromWorld(new ObjectMapper().readTree("""
                {"users": [
                  {"userName": "alice", "path": "/contractors/", "tags": [{"key": "team", "value": "payments"}],
                   "accessKeys": [{"accessKeyId": "AKIAALICEKEY00000001",
                                   "lastUsed": {"date": "2026-08-01T00:00:00Z", "serviceName": "s3", "region": "eu-west-1"}}]},
                  {"userName": "bob"}]}"""), clock);
        http = SdkOverHttp.serving(sim);
        iam = http.iam();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void theAccountSummaryArrivesAsItsSummaryMap() {
        var summary = iam.getAccountSummary().summaryMap();
        assertEquals(2, summary.get(SummaryKeyType.USERS));
        assertEquals(5000, summary.get(SummaryKeyType.USERS_QUOTA));
        assertEquals(sim.getAccountSummary().summaryMap(), summary);
    }

    @Test
    void listUsersByPathAndTheirTagsArriveAsTheSimulatorAnswers() {
        List<User> contractors = iam.listUsers(r -> r.pathPrefix("/contractors/")).users();
        assertEquals(sim.listUsers(r -> r.pathPrefix("/contractors/")).users(), contractors);
        assertEquals("alice", contractors.get(0).userName());
        assertEquals("payments", iam.listUserTags(r -> r.userName("alice")).tags().get(0).value());
    }

    @Test
    void theCredentialReportAndItsErrorsArriveAsTheSdksModelledAnswers() {
        CredentialReportNotPresentException absent = assertThrows(CredentialReportNotPresentException.class,
                () -> iam.getCredentialReport());
        assertEquals(410, absent.statusCode());
        assertEquals(ReportStateType.STARTED, iam.generateCredentialReport().state());
        CredentialReportNotReadyException notReady = assertThrows(CredentialReportNotReadyException.class,
                () -> iam.getCredentialReport());
        assertEquals(404, notReady.statusCode());

        clock.advance(Duration.ofSeconds(5));
        GetCredentialReportResponse report = iam.getCredentialReport();
        assertEquals(ReportFormatType.TEXT_CSV, report.reportFormat());
        assertEquals(Fixtures.START, report.generatedTime());
        assertEquals(sim.getCredentialReport().content().asUtf8String(), report.content().asUtf8String());
        assertTrue(report.content().asUtf8String().contains(
                "\nalice,arn:aws:iam::123456789012:user/contractors/alice,2026-11-20T12:00:00+00:00,false,N/A,N/A,N/A,"
                        + "false,true,2026-11-20T12:00:00+00:00,2026-08-01T00:00:00+00:00,eu-west-1,s3,"));

        clock.advance(Duration.ofHours(4));
        assertEquals(410, assertThrows(CredentialReportExpiredException.class, () -> iam.getCredentialReport())
                .statusCode());
    }
}
