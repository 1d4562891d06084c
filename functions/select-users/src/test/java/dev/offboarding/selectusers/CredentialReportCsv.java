package dev.offboarding.selectusers;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A credential report as IAM writes it: AWS's 22 columns, a row for the root user, lower-case true/false, dates as
 * {@code 2026-08-27T10:00:00+00:00}, N/A where a credential does not apply and no_information for a password IAM
 * never saw used.
 */
final class CredentialReportCsv {
    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
            + "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
            + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
            + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
            + "cert_2_active,cert_2_last_rotated";
    private static final DateTimeFormatter AWS_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private final String account;
    private final StringBuilder csv = new StringBuilder(HEADER).append('\n');

    CredentialReportCsv(String account) {
        this.account = account;
        csv.append("<root_account>,arn:aws:iam::").append(account).append(":root,2020-01-01T00:00:00+00:00,"
                + "not_supported,2026-11-30T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,"
                + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
    }

    static String date(Instant at) {
        return at == null ? "N/A" : AWS_DATE.format(at);
    }

    /** A user with neither a password nor an access key. */
    CredentialReportCsv noCredentials(String user, Instant created) {
        return row(user, created, "false,N/A,N/A,N/A,false", key(null), key(null));
    }

    /** A user with a password (lastUsed null: never used) and no access key. */
    CredentialReportCsv password(String user, Instant created, Instant lastUsed, Instant lastChanged) {
        return row(user, created, "true," + (lastUsed == null ? "no_information" : date(lastUsed)) + ","
                + date(lastChanged) + ",N/A,false", key(null), key(null));
    }

    /** A user with no password and one access key (lastUsed null: never used). */
    CredentialReportCsv accessKey(String user, Instant created, boolean active, Instant rotated, Instant lastUsed) {
        return row(user, created, "false,N/A,N/A,N/A,false", key(active, rotated, lastUsed), key(null));
    }

    /** A user with a password and two access keys. */
    CredentialReportCsv everything(String user, Instant created, Instant passwordUsed, Instant passwordChanged,
                                   String key1, String key2) {
        return row(user, created, "true," + (passwordUsed == null ? "no_information" : date(passwordUsed)) + ","
                + date(passwordChanged) + ",N/A,true", key1, key2);
    }

    static String key(Boolean active) {
        return "false,N/A,N/A,N/A,N/A";
    }

    static String key(boolean active, Instant rotated, Instant lastUsed) {
        return active + "," + date(rotated) + "," + date(lastUsed) + ","
                + (lastUsed == null ? "N/A,N/A" : "us-east-1,s3");
    }

    private CredentialReportCsv row(String user, Instant created, String password, String key1, String key2) {
        String name = user.contains(",") ? "\"" + user + "\"" : user;
        String arn = "arn:aws:iam::" + account + ":user/" + user;
        csv.append(name).append(',').append(arn.contains(",") ? "\"" + arn + "\"" : arn).append(',')
                .append(date(created)).append(',').append(password).append(',').append(key1).append(',')
                .append(key2).append(",false,N/A,false,N/A\n");
        return this;
    }

    @Override
    public String toString() {
        return csv.toString();
    }
}
