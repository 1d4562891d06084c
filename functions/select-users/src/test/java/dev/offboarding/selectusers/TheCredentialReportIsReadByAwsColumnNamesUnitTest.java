package dev.offboarding.selectusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The report as IAM writes it: AWS's column names, the root user's row, N/A, no_information and not_supported where
 * there is no date. Anything else is refused rather than guessed at.
 */
class TheCredentialReportIsReadByAwsColumnNamesUnitTest {
    private static final Instant GENERATED = Instant.parse("2026-12-01T10:00:00Z");
    /** Two users as IAM reports them, after the root user. */
    private static final String REPORT = CredentialReportCsv.HEADER + "\n"
            + "<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,"
            + "2026-11-30T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,"
            + "false,N/A,false,N/A\n"
            + "alice,arn:aws:iam::123456789012:user/alice,2025-03-01T09:30:00+00:00,true,no_information,"
            + "2025-03-01T09:31:00+00:00,N/A,false,true,2025-03-02T00:00:00+00:00,N/A,N/A,N/A,false,"
            + "2025-04-01T00:00:00+00:00,2025-05-01T12:00:00+00:00,eu-west-1,ec2,false,N/A,false,N/A\n"
            + "\"a,b\",\"arn:aws:iam::123456789012:user/a,b\",2025-03-01T09:30:00+00:00,false,N/A,N/A,N/A,false,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";

    @Test
    void eachUsersPasswordAndKeysAreRead() {
        CredentialReport report = CredentialReport.parse(GENERATED, REPORT);
        CredentialReport.Row alice = report.row("alice").orElseThrow();

        assertEquals(Instant.parse("2025-03-01T09:30:00Z"), alice.userCreationTime());
        assertTrue(alice.passwordEnabled());
        assertNull(alice.passwordLastUsed(), "no_information: never used");
        assertEquals(Instant.parse("2025-03-01T09:31:00Z"), alice.passwordLastChanged());
        assertEquals(new CredentialReport.AccessKeyColumns(1, true, Instant.parse("2025-03-02T00:00:00Z"), null),
                alice.accessKeys().get(0));
        assertEquals(new CredentialReport.AccessKeyColumns(2, false, Instant.parse("2025-04-01T00:00:00Z"),
                Instant.parse("2025-05-01T12:00:00Z")), alice.accessKeys().get(1));
        assertEquals(GENERATED, report.generatedTime());
    }

    @Test
    void aQuotedNameWithACommaIsOneUser() {
        CredentialReport.Row ab = CredentialReport.parse(GENERATED, REPORT).row("a,b").orElseThrow();

        assertFalse(ab.passwordEnabled());
        assertEquals("arn:aws:iam::123456789012:user/a,b", ab.arn());
    }

    @Test
    void theRootUserIsNoUserToSelect() {
        CredentialReport report = CredentialReport.parse(GENERATED, REPORT);

        assertEquals(2, report.rows().size());
        assertTrue(report.row("<root_account>").isEmpty());
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrder() {
        String reordered = "password_enabled,user,extra_column,user_creation_time,arn,password_last_used,"
                + "password_last_changed,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date\n"
                + "TRUE,bob,x,2025-03-01T09:30:00+00:00,arn:aws:iam::123456789012:user/bob,2026-01-01T00:00:00+00:00,"
                + "N/A,FALSE,N/A,N/A,FALSE,N/A,N/A";

        CredentialReport.Row bob = CredentialReport.parse(GENERATED, reordered).row("bob").orElseThrow();

        assertTrue(bob.passwordEnabled());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), bob.passwordLastUsed());
    }

    @Test
    void aMissingColumnMakesTheReportUnreadable() {
        String withoutKeys = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed\n";

        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class,
                () -> CredentialReport.parse(GENERATED, withoutKeys));

        assertTrue(unreadable.getMessage().startsWith("the report has no column access_key_1_active,"),
                unreadable.getMessage());
    }

    @Test
    void aValueThatIsNeitherADateNorAnAwsPlaceholderIsRefused() {
        String bad = REPORT.replace("2025-03-01T09:31:00+00:00", "yesterday");

        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class,
                () -> CredentialReport.parse(GENERATED, bad));

        assertEquals("line 3: password_last_changed is \"yesterday\", neither an ISO 8601 date nor N/A,"
                + " no_information or not_supported", unreadable.getMessage());
    }

    @Test
    void aRowWithAnotherNumberOfFieldsIsRefused() {
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class,
                () -> CredentialReport.parse(GENERATED, REPORT + "carol,arn\n"));

        assertEquals("line 5 has 2 fields, the header 22", unreadable.getMessage());
    }
}
