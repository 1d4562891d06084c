package dev.offboarding.selectusers;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a user's credentials have all gone unused for at least {@code days} days, as of when the credential report
 * was generated. Each credential the user has counts: its password (when enabled), by its last use, or when it was
 * never used by when it was set (password_last_changed, else the user's creation); each active access key, by its
 * last use, or when never used by when it was created or rotated. Inactive keys cannot sign anything and are left
 * out. A user with neither a password nor an active key is stale once it has existed that long. One credential used,
 * set or created within the days keeps the user off the list.
 */
final class Staleness {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final int days;

    Staleness(int days) {
        this.days = days;
    }

    /** Why the user is stale ("unused for 97 days: password last used 2026-08-27; ..."), or empty if it is not. */
    Optional<String> why(CredentialReport.Row row, Instant asOf) {
        List<Use> uses = new ArrayList<>();
        if (row.passwordEnabled()) {
            uses.add(row.passwordLastUsed() != null
                    ? new Use(row.passwordLastUsed(), "password last used " + day(row.passwordLastUsed()))
                    : neverUsed("password", row.passwordLastChanged(), "set", row.userCreationTime()));
        }
        for (CredentialReport.AccessKeyColumns key : row.accessKeys()) {
            if (!key.active()) {
                continue;
            }
            String name = "access key " + key.number();
            uses.add(key.lastUsed() != null ? new Use(key.lastUsed(), name + " last used " + day(key.lastUsed()))
                    : neverUsed(name, key.lastRotated(), "created", row.userCreationTime()));
        }
        if (uses.isEmpty()) {
            uses.add(new Use(row.userCreationTime(), "no password and no active access key, user created "
                    + day(row.userCreationTime())));
        }
        Instant threshold = asOf.minus(Duration.ofDays(days));
        Instant latest = null;
        for (Use use : uses) {
            if (use.at() == null || use.at().isAfter(threshold)) {
                return Optional.empty();
            }
            latest = latest == null || use.at().isAfter(latest) ? use.at() : latest;
        }
        long unused = Duration.between(latest, asOf).toDays();
        return Optional.of("unused for " + unused + " days: "
                + String.join("; ", uses.stream().map(Use::said).toList()));
    }

    private static Use neverUsed(String credential, Instant since, String verb, Instant created) {
        Instant at = since != null ? since : created;
        return new Use(at, credential + " never used, " + verb + " " + (at == null ? "at an unknown time" : day(at)));
    }

    private static String day(Instant at) {
        return DAY.format(at);
    }

    private record Use(Instant at, String said) {
    }
}
