package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;

class TheCredentialReportIsASnapshotRegeneratedOnlyAfterFourHoursTest {

    private final MutableClock clock = Fixtures.clock();
    private final IamSimulator sim = Fixtures.simulatorWithUser(clock);

    @Test
    void beforeAnyGenerationThereIsNoReport() {
        CredentialReportNotPresentException e = assertThrows(CredentialReportNotPresentException.class,
                () -> sim.getCredentialReport());
        assertEquals("ReportNotPresent", e.awsErrorDetails().errorCode());
        assertEquals(410, e.statusCode());
    }

    @Test
    void theFirstGenerationStartsAndTheReportIsInProgressUntilItsGenerationTimeHasPassed() {
        assertEquals(ReportStateType.STARTED, sim.generateCredentialReport().state());

        CredentialReportNotReadyException inProgress = assertThrows(CredentialReportNotReadyException.class,
                () -> sim.getCredentialReport());
        assertEquals("ReportInProgress", inProgress.awsErrorDetails().errorCode());
        assertEquals(404, inProgress.statusCode());
        clock.advance(Duration.ofSeconds(4));
        assertEquals(ReportStateType.INPROGRESS, sim.generateCredentialReport().state());
        assertThrows(CredentialReportNotReadyException.class, () -> sim.getCredentialReport());

        clock.advance(Duration.ofSeconds(1));
        GetCredentialReportResponse report = sim.getCredentialReport();
        assertEquals(ReportFormatType.TEXT_CSV, report.reportFormat());
        assertEquals(Fixtures.START, report.generatedTime(), "the moment the snapshot was taken");
        assertTrue(report.content().asUtf8String().startsWith("user,arn,user_creation_time,"));
        assertEquals(ReportStateType.COMPLETE, sim.generateCredentialReport().state());
    }

    @Test
    void theGenerationTimeIsConfigurable() {
        sim.credentialReportGenerationTime(Duration.ofMinutes(2)).generateCredentialReport();
        clock.advance(Duration.ofSeconds(119));
        assertThrows(CredentialReportNotReadyException.class, () -> sim.getCredentialReport());
        clock.advance(Duration.ofSeconds(1));
        sim.getCredentialReport();
    }

    @Test
    void aReportIsASnapshotKeptForFourHoursThenItExpiresAndANewOneIsGenerated() {
        sim.credentialReportGenerationTime(Duration.ZERO).generateCredentialReport();
        String first = sim.getCredentialReport().content().asUtf8String();
        sim.createUser(r -> r.userName("newcomer"));
        sim.createAccessKey(r -> r.userName(USER));

        assertEquals(first, sim.getCredentialReport().content().asUtf8String(), "later changes are not in it");
        assertFalse(first.contains("newcomer"));
        clock.advance(Duration.ofHours(4).minusSeconds(1));
        assertEquals(ReportStateType.COMPLETE, sim.generateCredentialReport().state(),
                "IAM generates at most one report every four hours");
        assertEquals(first, sim.getCredentialReport().content().asUtf8String());
        assertEquals(Fixtures.START, sim.getCredentialReport().generatedTime());

        clock.advance(Duration.ofSeconds(1));
        CredentialReportExpiredException expired = assertThrows(CredentialReportExpiredException.class,
                () -> sim.getCredentialReport());
        assertEquals("ReportExpired", expired.awsErrorDetails().errorCode());
        assertEquals(410, expired.statusCode());

        assertEquals(ReportStateType.STARTED, sim.generateCredentialReport().state());
        GetCredentialReportResponse second = sim.getCredentialReport();
        Instant fourHoursLater = Fixtures.START.plus(Duration.ofHours(4));
        assertEquals(fourHoursLater, second.generatedTime());
        assertTrue(second.content().asUtf8String().contains("\nnewcomer,arn:aws:iam::123456789012:user/newcomer,"));
    }

    @Test
    void whileANewReportIsGeneratedTheExpiredOneIsNoLongerServed() {
        sim.generateCredentialReport();
        clock.advance(Duration.ofHours(5));
        assertEquals(ReportStateType.STARTED, sim.generateCredentialReport().state());
        assertThrows(CredentialReportNotReadyException.class, () -> sim.getCredentialReport());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Fixtures.START.plus(Duration.ofHours(5)), sim.getCredentialReport().generatedTime());
    }

    @Test
    void bothCallsAreLoggedAndNeitherChangesAnIamEntity() {
        sim.calls().clear();
        sim.generateCredentialReport();
        assertThrows(CredentialReportNotReadyException.class, () -> sim.getCredentialReport());
        assertEquals(java.util.List.of(
                new Call("GenerateCredentialReport", "", "OK", Fixtures.START, false),
                new Call("GetCredentialReport", "", "ReportInProgress", Fixtures.START, false)), sim.calls().all());
    }
}
