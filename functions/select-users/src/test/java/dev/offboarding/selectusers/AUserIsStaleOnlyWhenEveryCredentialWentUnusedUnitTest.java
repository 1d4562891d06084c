package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The staleness rule, one case per kind of credential, as of the report's generation, for 90 days. */
class AUserIsStaleOnlyWhenEveryCredentialWentUnusedUnitTest {
    private static final Instant AS_OF = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LAST_WEEK = Instant.parse("2026-11-24T10:00:00Z");
    private final Staleness staleness = new Staleness(90);

    @Test
    void aPasswordUsedLongAgoIsStale() {
        assertEquals(Optional.of("unused for 97 days: password last used 2026-08-26"),
                staleness.why(row(true, Instant.parse("2026-08-26T10:00:00Z"), LONG_AGO, key(false, null, null)),
                        AS_OF));
    }

    @Test
    void aPasswordUsedNinetyDaysAgoToTheSecondIsStaleAndOneSecondLaterIsNot() {
        Instant ninetyDaysAgo = Instant.parse("2026-09-02T10:00:00Z");
        assertEquals(Optional.of("unused for 90 days: password last used 2026-09-02"),
                staleness.why(row(true, ninetyDaysAgo, LONG_AGO, key(false, null, null)), AS_OF));
        assertEquals(Optional.empty(),
                staleness.why(row(true, ninetyDaysAgo.plusSeconds(1), LONG_AGO, key(false, null, null)), AS_OF));
    }

    @Test
    void aPasswordNeverUsedAndSetLongAgoIsStale() {
        assertEquals(Optional.of("unused for 334 days: password never used, set 2026-01-01"),
                staleness.why(row(true, null, LONG_AGO, key(false, null, null)), AS_OF));
    }

    @Test
    void aPasswordNeverUsedButSetLastWeekIsNotStale() {
        assertEquals(Optional.empty(), staleness.why(row(true, null, LAST_WEEK, key(false, null, null)), AS_OF));
    }

    @Test
    void aPasswordNeverUsedWithoutAChangeDateCountsFromTheUsersCreation() {
        assertEquals(Optional.of("unused for 334 days: password never used, set 2026-01-01"),
                staleness.why(row(true, null, null, key(false, null, null)), AS_OF));
    }

    @Test
    void oneActiveKeyUsedRecentlyKeepsAnOtherwiseStaleUserOff() {
        assertEquals(Optional.empty(), staleness.why(row(true, null, LONG_AGO, key(true, LONG_AGO, LAST_WEEK)),
                AS_OF));
    }

    @Test
    void anActiveKeyNeverUsedCountsFromItsRotation() {
        assertEquals(Optional.empty(), staleness.why(row(false, null, null, key(true, LAST_WEEK, null)), AS_OF));
        assertEquals(Optional.of("unused for 334 days: access key 1 never used, created 2026-01-01"),
                staleness.why(row(false, null, null, key(true, LONG_AGO, null)), AS_OF));
    }

    @Test
    void anInactiveKeyIsIgnoredHoweverRecentlyItWasUsed() {
        assertEquals(Optional.of("unused for 97 days: password last used 2026-08-26"),
                staleness.why(row(true, Instant.parse("2026-08-26T10:00:00Z"), LONG_AGO,
                        key(false, LONG_AGO, LAST_WEEK)), AS_OF));
    }

    @Test
    void aUserWithoutCredentialsCreatedLongAgoIsStale() {
        assertEquals(Optional.of("unused for 334 days: no password and no active access key, user created"
                + " 2026-01-01"), staleness.why(row(false, null, null, key(false, null, null)), AS_OF));
    }

    @Test
    void aUserWithoutCredentialsCreatedLastWeekIsNotStale() {
        CredentialReport.Row row = new CredentialReport.Row("u", "arn", LAST_WEEK, false, null, null,
                List.of(key(false, null, null), new CredentialReport.AccessKeyColumns(2, false, null, null)));
        assertEquals(Optional.empty(), staleness.why(row, AS_OF));
    }

    @Test
    void theWhyNamesEveryCredentialAndTheMostRecentUseCounts() {
        CredentialReport.Row row = new CredentialReport.Row("u", "arn", LONG_AGO, true,
                Instant.parse("2026-05-01T10:00:00Z"), LONG_AGO, List.of(key(true, LONG_AGO,
                Instant.parse("2026-08-01T10:00:00Z")), new CredentialReport.AccessKeyColumns(2, true, LONG_AGO, null)));
        assertEquals(Optional.of("unused for 122 days: password last used 2026-05-01; access key 1 last used"
                + " 2026-08-01; access key 2 never used, created 2026-01-01"), staleness.why(row, AS_OF));
    }

    private static CredentialReport.Row row(boolean password, Instant passwordUsed, Instant passwordChanged,
                                            CredentialReport.AccessKeyColumns key1) {
        return new CredentialReport.Row("u", "arn:aws:iam::123456789012:user/u", LONG_AGO, password, passwordUsed,
                passwordChanged, List.of(key1, new CredentialReport.AccessKeyColumns(2, false, null, null)));
    }

    private static CredentialReport.AccessKeyColumns key(boolean active, Instant rotated, Instant used) {
        return new CredentialReport.AccessKeyColumns(1, active, rotated, used);
    }
}
