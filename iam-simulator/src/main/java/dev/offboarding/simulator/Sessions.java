package dev.offboarding.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The account's users' sessions, as GetSessionToken issues them, and what IAM's enforcement decides for the requests
 * they make. Enforcement sees a user's permissions as they were the simulator's visibility lag ago: a Deny attached
 * to the user stops its live sessions only once that much time has passed, and so does the user's deletion.
 * Neither issuing nor deciding is an IAM API call: nothing here reaches the call log or is faulted. Thread-safe:
 * it shares the simulator's lock.
 */
public final class Sessions {

    /** GetSessionToken's default, and its bounds for an IAM user's session. */
    public static final Duration DEFAULT_DURATION = Duration.ofHours(12);
    public static final Duration SHORTEST_DURATION = Duration.ofMinutes(15);
    public static final Duration LONGEST_DURATION = Duration.ofHours(36);

    private final Account account;
    private final Map<String, Issued> byAccessKeyId = new LinkedHashMap<>();
    private final Map<String, Issued> byName = new LinkedHashMap<>();

    private record Issued(Session session, String userId) {
    }

    Sessions(Account account) {
        this.account = account;
    }

    /** A session of {@code userName}, issued now for {@link #DEFAULT_DURATION}; the user must exist. */
    public Session issue(String userName) {
        return issue(userName, DEFAULT_DURATION);
    }

    /** A session of {@code userName}, issued now for {@code duration} (15 minutes to 36 hours). */
    public Session issue(String userName, Duration duration) {
        requireDuration(duration);
        synchronized (account) {
            return issueAt(requireUser(userName), null, account.now(), duration);
        }
    }

    /** The session that the world file declared for {@code userName} under {@code name}. */
    public Session named(String userName, String name) {
        synchronized (account) {
            Issued issued = byName.get(nameKey(userName, name));
            if (issued == null) {
                throw new IllegalArgumentException("user " + userName + " has no session named \"" + name
                        + "\"; named sessions are declared in the world file (users[].sessions[].name)");
            }
            return issued.session();
        }
    }

    /** Whether IAM's enforcement allows {@code action} (e.g. {@code s3:GetObject}) to a request of {@code session}. */
    public boolean allows(Session session, String action) {
        return decide(session, action) == SessionDecision.ALLOWED;
    }

    /**
     * What IAM's enforcement decides now for a request of {@code session} to perform {@code action}: expired
     * credentials first, then the user's permissions as they were the visibility lag ago (the latest change made at
     * or before then; a user's starting state is always visible).
     */
    public SessionDecision decide(Session session, String action) {
        Objects.requireNonNull(session, "session");
        if (action == null || action.indexOf(':') < 1) {
            throw new IllegalArgumentException("an action is named service:Action, e.g. s3:GetObject, not " + action);
        }
        synchronized (account) {
            Issued issued = byAccessKeyId.get(session.accessKeyId());
            if (issued == null || !issued.session().equals(session)) {
                throw new IllegalArgumentException("session " + session.accessKeyId()
                        + " was not issued by this simulator");
            }
            Instant now = account.now();
            if (!now.isBefore(session.expiresAt())) {
                return SessionDecision.EXPIRED;
            }
            PermissionSnapshot seen = account.permissions.visibleAt(issued.userId(), now.minus(account.visibilityLag));
            if (!seen.userExists()) {
                return SessionDecision.USER_GONE;
            }
            return switch (seen.decide(action)) {
                case ALLOWED -> SessionDecision.ALLOWED;
                case EXPLICIT_DENY -> SessionDecision.EXPLICIT_DENY;
                case IMPLICIT_DENY -> SessionDecision.IMPLICIT_DENY;
            };
        }
    }

    /** A session issued at {@code issuedAt}; a named one (a world file's) can be found again by its name. */
    Session issueAt(UserState user, String name, Instant issuedAt, Duration duration) {
        Session session = new Session(account.ids.temporaryAccessKeyId(), user.name(), issuedAt,
                issuedAt.plus(duration));
        Issued issued = new Issued(session, user.identity.userId());
        byAccessKeyId.put(session.accessKeyId(), issued);
        if (name != null) {
            byName.put(nameKey(user.name(), name), issued);
        }
        return session;
    }

    boolean hasNamed(String userName, String name) {
        return byName.containsKey(nameKey(userName, name));
    }

    static Duration requireDuration(Duration duration) {
        if (duration == null || duration.compareTo(SHORTEST_DURATION) < 0
                || duration.compareTo(LONGEST_DURATION) > 0) {
            throw new IllegalArgumentException("a session lasts from 15 minutes to 36 hours, as GetSessionToken's "
                    + "DurationSeconds (900 to 129600) allows for an IAM user, not " + duration);
        }
        return duration;
    }

    private UserState requireUser(String userName) {
        return account.findUser(Objects.requireNonNull(userName, "userName")).orElseThrow(() ->
                new IllegalArgumentException("no user named " + userName + " in account " + account.accountId
                        + ": only an existing user can get a session"));
    }

    /** User names are case-insensitive in IAM; the session's name is the world file's, exactly. */
    private static String nameKey(String userName, String name) {
        return userName.toLowerCase(Locale.ROOT) + "/" + name;
    }
}
