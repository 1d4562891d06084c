package dev.offboarding.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report's columns, in IAM's order, and IAM's values: ISO 8601 times with {@code +00:00}, {@code true}/{@code
 * false}, {@code N/A} for an absent credential or an access key never used, {@code no_information} for a password
 * never used, {@code not_supported} for the root user's password columns, the {@code <root_account>} row first.
 */
class TheCredentialReportHasIamsColumnsAndValueConventionsTest {

    private static final List<String> IAM_COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active",
            "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
            "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
            "cert_2_last_rotated");

    private final MutableClock clock = Fixtures.clock();
    private IamSimulator sim;

    @BeforeEach
    void world() throws Exception {
        sim = IamSimulator.fromWorld(new ObjectMapper().readTree("""
                {"accountId": "210987654321", "users": [
                  {"userName": "console_only", "path": "/staff/", "createDate": "2024-01-02T03:04:05Z",
                   "passwordLastUsed": "2026-10-01T08:00:00Z",
                   "loginProfile": {"createDate": "2024-01-03T00:00:00Z"},
                   "mfaDevices": [{"serialNumber": "GAHT12345678"}]},
                  {"userName": "never_signed_in", "createDate": "2025-05-05T05:05:05Z",
                   "loginProfile": {"createDate": "2025-05-06T00:00:00Z"}},
                  {"userName": "keys", "createDate": "2023-01-01T00:00:00Z", "passwordLastUsed": "2023-02-01T00:00:00Z",
                   "accessKeys": [
                     {"accessKeyId": "AKIAKEYSUSERKEY00001", "createDate": "2023-01-01T00:10:00Z",
                      "lastUsed": {"date": "2026-11-19T17:30:00Z", "serviceName": "s3", "region": "eu-west-1"}},
                     {"accessKeyId": "AKIAKEYSUSERKEY00002", "status": "Inactive", "createDate": "2024-06-01T00:00:00Z"}],
                   "signingCertificates": [{"certificateId": "CERTKEYSUSER00000000000001", "status": "Inactive",
                                            "uploadDate": "2023-03-03T00:00:00Z"}]}]}"""), clock);
        sim.credentialReportGenerationTime(Duration.ZERO).generateCredentialReport();
    }

    @Test
    void theHeaderIsIamsColumnsInIamsOrder() {
        assertEquals(IAM_COLUMNS, List.of(lines().get(0).split(",")));
    }

    @Test
    void theRootAccountComesFirstWithNotSupportedPasswordColumns() {
        Map<String, String> root = row(1);
        assertEquals("<root_account>", root.get("user"));
        assertEquals("arn:aws:iam::210987654321:root", root.get("arn"));
        assertEquals("2026-11-20T12:00:00+00:00", root.get("user_creation_time"));
        assertEquals("not_supported", root.get("password_enabled"));
        assertEquals("not_supported", root.get("password_last_changed"));
        assertEquals("not_supported", root.get("password_next_rotation"));
        assertEquals("false", root.get("access_key_1_active"));
        assertEquals("N/A", root.get("access_key_1_last_rotated"));
    }

    @Test
    void aPasswordShowsWhenItWasSetAndLastUsedOrNoInformation() {
        Map<String, String> console = row(2);
        assertEquals("console_only", console.get("user"));
        assertEquals("arn:aws:iam::210987654321:user/staff/console_only", console.get("arn"));
        assertEquals("2024-01-02T03:04:05+00:00", console.get("user_creation_time"));
        assertEquals("true", console.get("password_enabled"));
        assertEquals("2026-10-01T08:00:00+00:00", console.get("password_last_used"));
        assertEquals("2024-01-03T00:00:00+00:00", console.get("password_last_changed"));
        assertEquals("N/A", console.get("password_next_rotation"));
        assertEquals("true", console.get("mfa_active"));
        for (String column : IAM_COLUMNS.subList(8, IAM_COLUMNS.size())) {
            assertEquals(column.endsWith("_active") ? "false" : "N/A", console.get(column), column);
        }

        Map<String, String> never = row(3);
        assertEquals("true", never.get("password_enabled"));
        assertEquals("no_information", never.get("password_last_used"));
        assertEquals("false", never.get("mfa_active"));
    }

    @Test
    void withoutAPasswordItsColumnsAreNotApplicableAndEachKeyShowsItsUse() {
        Map<String, String> keys = row(4);
        assertEquals("false", keys.get("password_enabled"));
        assertEquals("N/A", keys.get("password_last_used"), "no password now, whatever GetUser's PasswordLastUsed says");
        assertEquals("N/A", keys.get("password_last_changed"));
        assertEquals("true", keys.get("access_key_1_active"));
        assertEquals("2023-01-01T00:10:00+00:00", keys.get("access_key_1_last_rotated"));
        assertEquals("2026-11-19T17:30:00+00:00", keys.get("access_key_1_last_used_date"));
        assertEquals("eu-west-1", keys.get("access_key_1_last_used_region"));
        assertEquals("s3", keys.get("access_key_1_last_used_service"));
        assertEquals("false", keys.get("access_key_2_active"));
        assertEquals("2024-06-01T00:00:00+00:00", keys.get("access_key_2_last_rotated"));
        assertEquals("N/A", keys.get("access_key_2_last_used_date"), "never used");
        assertEquals("N/A", keys.get("access_key_2_last_used_region"));
        assertEquals("N/A", keys.get("access_key_2_last_used_service"));
        assertEquals("false", keys.get("cert_1_active"));
        assertEquals("2023-03-03T00:00:00+00:00", keys.get("cert_1_last_rotated"));
        assertEquals("false", keys.get("cert_2_active"));
        assertEquals("N/A", keys.get("cert_2_last_rotated"));
    }

    @Test
    void usesRecordedThroughTheSimulatorAppearInTheNextReport() {
        Instant later = Fixtures.START.plus(Duration.ofHours(5));
        sim.accessKeyUsed("AKIAKEYSUSERKEY00002", later.minusSeconds(60), "iam", "us-east-1");
        sim.passwordUsed("never_signed_in", later.minusSeconds(30));
        clock.set(later);
        sim.generateCredentialReport();

        assertEquals(later.minusSeconds(60), sim.getAccessKeyLastUsed(r -> r.accessKeyId("AKIAKEYSUSERKEY00002"))
                .accessKeyLastUsed().lastUsedDate());
        assertEquals("2026-11-20T16:59:00+00:00", row(4).get("access_key_2_last_used_date"));
        assertEquals("us-east-1", row(4).get("access_key_2_last_used_region"));
        assertEquals("iam", row(4).get("access_key_2_last_used_service"));
        assertEquals("2026-11-20T16:59:30+00:00", row(3).get("password_last_used"));
        assertEquals(later.minusSeconds(30), sim.getUser(r -> r.userName("never_signed_in")).user().passwordLastUsed());
    }

    @Test
    void everyRowHasEveryColumnAndTheReportEndsWithANewline() {
        String csv = sim.getCredentialReport().content().asUtf8String();
        assertEquals('\n', csv.charAt(csv.length() - 1));
        for (String line : lines()) {
            assertEquals(IAM_COLUMNS.size(), line.split(",", -1).length, line);
        }
        assertEquals(5, lines().size(), "header, root, three users");
    }

    private List<String> lines() {
        return Arrays.asList(sim.getCredentialReport().content().asUtf8String().split("\n"));
    }

    private Map<String, String> row(int line) {
        String[] values = lines().get(line).split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < IAM_COLUMNS.size(); i++) {
            row.put(IAM_COLUMNS.get(i), values[i]);
        }
        return row;
    }
}
