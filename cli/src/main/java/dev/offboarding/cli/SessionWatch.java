package dev.offboarding.cli;

import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.Session;
import dev.offboarding.simulator.SessionDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows a scenario's live sessions during a local run: asks the simulator, every few milliseconds, what IAM's
 * enforcement decides for each session's request, and says when the decision changes, in seconds since the run
 * started. At the end it says when the last permission went, against when the deny was attached and the lag.
 */
final class SessionWatch implements AutoCloseable {
    /** How often each session's request is decided: well below the round trip the figures are compared with. */
    static final Duration POLL = Duration.ofMillis(10);
    private static final Set<String> DENY_CALLS = Set.of("AttachUserPolicy", "PutUserPermissionsBoundary");

    /** A session followed, and what was decided for it last. */
    private static final class Followed {
        final ScenarioFile.WatchedSession spec;
        final Session session;
        SessionDecision last;
        Instant deniedSince;

        Followed(ScenarioFile.WatchedSession spec, Session session) {
            this.spec = spec;
            this.session = session;
        }
    }

    private final IamSimulator iam;
    private final Clock clock;
    private final Duration lag;
    private final Consumer<String> say;
    private final List<Followed> followed = new ArrayList<>();
    private volatile Instant start;
    private volatile boolean executionStarted;
    private final Thread thread;
    private volatile boolean stopped;

    private SessionWatch(IamSimulator iam, Clock clock, Duration lag, List<ScenarioFile.WatchedSession> watched,
                         Consumer<String> say) {
        this.iam = iam;
        this.clock = clock;
        this.lag = lag;
        this.say = say;
        for (ScenarioFile.WatchedSession spec : watched) {
            followed.add(new Followed(spec, iam.sessions().named(spec.userName(), spec.session())));
        }
        this.start = clock.instant();
        this.thread = new Thread(this::follow, "session-watch");
        this.thread.setDaemon(true);
    }

    /**
     * The sessions to follow, found in the simulator's world; nothing is asked of them yet.
     *
     * @throws UsageException when the world declares no such session
     */
    static SessionWatch of(IamSimulator iam, Clock clock, Duration lag, List<ScenarioFile.WatchedSession> watched,
                           String scenarioLabel, Consumer<String> say) {
        try {
            return new SessionWatch(iam, clock, lag, watched, say);
        } catch (IllegalArgumentException e) {
            throw new UsageException(scenarioLabel + ": \"watch.sessions\": " + e.getMessage());
        }
    }

    /** Starts following the sessions now, the run's start. */
    SessionWatch start() {
        start = clock.instant();
        decideAll();
        if (!followed.isEmpty()) {
            thread.start();
        }
        return this;
    }

    /** The execution's first event: from here on times are since the run started (the engine is ready). */
    void executionStarted() {
        if (!executionStarted) {
            executionStarted = true;
            start = clock.instant();
        }
    }

    private void follow() {
        while (!stopped) {
            decideAll();
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void decideAll() {
        for (Followed f : followed) {
            SessionDecision now = iam.sessions().decide(f.session, f.spec.action());
            if (now != f.last) {
                Instant at = clock.instant();
                if (now != SessionDecision.ALLOWED && f.deniedSince == null) {
                    f.deniedSince = at;
                } else if (now == SessionDecision.ALLOWED) {
                    f.deniedSince = null;
                }
                say.accept("     session " + f.spec.session() + " of " + f.spec.userName() + ": "
                        + f.spec.action() + " " + describe(now) + " at " + since(at));
                f.last = now;
            }
        }
    }

    /** Stops following and says, for each session, when it lost its last permission. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        decideAll();
        Optional<Instant> denyAttached = iam.calls().all().stream()
                .filter(call -> DENY_CALLS.contains(call.operation()) && "OK".equals(call.outcome()))
                .map(Call::at).findFirst();
        synchronized (this) {
            for (Followed f : followed) {
                if (f.deniedSince == null) {
                    say.accept("Session " + f.spec.session() + " of " + f.spec.userName() + " still has "
                            + f.spec.action() + ".");
                    continue;
                }
                say.accept("No permission left for session " + f.spec.session() + " of " + f.spec.userName() + " from "
                        + since(f.deniedSince) + denyAttached.map(at -> ": the deny was attached at " + since(at)
                        + ", the visibility lag is " + lag.toSeconds() + " s").orElse("") + ".");
            }
        }
    }

    private String since(Instant at) {
        return String.format(Locale.ROOT, "+%.2f s", Duration.between(start, at).toNanos() / 1e9);
    }

    private static String describe(SessionDecision decision) {
        return switch (decision) {
            case ALLOWED -> "allowed";
            case EXPLICIT_DENY -> "denied (an explicit deny)";
            case IMPLICIT_DENY -> "denied (no policy allows it)";
            case USER_GONE -> "denied (the user is deleted)";
            case EXPIRED -> "denied (the session expired)";
        };
    }
}
