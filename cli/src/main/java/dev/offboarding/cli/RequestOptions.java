package dev.offboarding.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.json.Json;
import dev.offboarding.validation.MemberAccount;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The offboarding request's fields as options; each given option overrides the scenario's request. The options build
 * an {@link OffboardingRequest}, held to the same rules as any request: a bad value is refused before anything runs,
 * naming the flag.
 */
final class RequestOptions {
    @Option(names = "--reason", description = "Why the user is offboarded (kept in the audit record).")
    String reason;

    @Option(names = "--requested-by", description = "Who asked for it (kept in the audit record).")
    String requestedBy;

    @Option(names = "--force", description = "Delete even if a credential was used within the activity window.")
    Boolean force;

    @Option(names = "--quarantine-days", paramLabel = "DAYS",
            description = "Lock the user out now and delete after this many days (0 to 90).")
    Integer quarantineDays;

    @Option(names = "--account-id", paramLabel = "ACCOUNT",
            description = "The user's AWS account (start: another account acts through the offboarding role there;"
                    + " local: only the account IAM is in).")
    String accountId;

    @Option(names = "--allow-privileged",
            description = "Allow offboarding a user who can administer the account (the run refuses such a user"
                    + " otherwise).")
    Boolean allowPrivileged;

    /**
     * {@code base} with {@code userName} (when not null), {@code dryRun} (when true) and each given option. A value
     * that breaks the request's rules is a {@link UsageException} naming its flag.
     */
    OffboardingRequest applyTo(OffboardingRequest base, String userName, boolean dryRun) {
        List<String> problems = new ArrayList<>();
        Draft draft = new Draft(base);
        if (userName != null) {
            check("--user", d -> d.userName = userName, problems);
            draft.userName = userName;
        }
        if (dryRun) {
            draft.dryRun = true;
        }
        if (reason != null) {
            check("--reason", d -> d.reason = reason, problems);
            draft.reason = reason;
        }
        if (requestedBy != null) {
            check("--requested-by", d -> d.requestedBy = requestedBy, problems);
            draft.requestedBy = requestedBy;
        }
        if (force != null) {
            draft.force = force;
        }
        if (quarantineDays != null) {
            check("--quarantine-days", d -> d.quarantineDays = quarantineDays, problems);
            draft.quarantineDays = quarantineDays;
        }
        if (accountId != null) {
            check("--account-id", d -> d.accountId = accountId, problems);
            draft.accountId = accountId;
        }
        if (allowPrivileged != null) {
            draft.allowPrivileged = allowPrivileged;
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        return draft.build();
    }

    /** The problems of one flag's value, judged alone by the request's own rules, each prefixed with the flag. */
    private static void check(String flag, Consumer<Draft> set, List<String> problems) {
        Draft alone = new Draft(OffboardingRequest.forUser("placeholder"));
        set.accept(alone);
        alone.build().problems().forEach(problem -> problems.add(flag + ": " + problem));
    }

    /**
     * The request as the workflow's input: the fields that are set, nothing for those left out (the workflow fills
     * in their defaults; an explicit null is refused).
     */
    static ObjectNode toJson(OffboardingRequest request) {
        return Json.omittingNulls().valueToTree(request);
    }

    /** A request being put together from a base request and the flags. */
    private static final class Draft {
        String userName;
        String accountId;
        Boolean dryRun;
        Boolean force;
        Integer quarantineDays;
        String reason;
        String requestedBy;
        Boolean allowPrivileged;
        final Trigger trigger;
        final String execution;
        final MemberAccount memberAccount;

        Draft(OffboardingRequest r) {
            userName = r.userName();
            accountId = r.accountId();
            dryRun = r.dryRun();
            force = r.force();
            quarantineDays = r.quarantineDays();
            reason = r.reason();
            requestedBy = r.requestedBy();
            allowPrivileged = r.allowPrivileged();
            trigger = r.trigger();
            execution = r.execution();
            memberAccount = r.memberAccount();
        }

        OffboardingRequest build() {
            return new OffboardingRequest(userName, accountId, dryRun, force, quarantineDays, reason, requestedBy,
                    allowPrivileged, trigger, execution, memberAccount, null, null);
        }
    }
}
