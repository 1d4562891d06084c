package dev.offboarding.validation;

import dev.offboarding.decision.Phase;
import dev.offboarding.json.Validatable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The offboarding request: the state machine's input, an EventBridge event's {@code detail}, the console input.
 * Only {@code userName} is required; {@code accountId} absent means the account the stack runs in.
 * {@code allowPrivileged: true} lets a run offboard a user who can administer the account (never from an event). {@code trigger}
 * records the event that started the run (set by start-offboarding); {@code execution} is set by the workflow, and
 * so is {@code memberAccount} when {@code accountId} names another account than the one the stack runs in, and
 * {@code phase} (which look at the user list-tokens takes: see {@link Phase}) and {@code recovery} (what an earlier
 * run left unfinished: see {@link Recovery}).
 */
public record OffboardingRequest(
        String userName,
        String accountId,
        Boolean dryRun,
        Boolean force,
        Integer quarantineDays,
        String reason,
        String requestedBy,
        Boolean allowPrivileged,
        Trigger trigger,
        String execution,
        MemberAccount memberAccount,
        Phase phase,
        Recovery recovery) implements Validatable {

    public static final int MAX_QUARANTINE_DAYS = 90;
    public static final int MAX_TEXT_LENGTH = 1024;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public static OffboardingRequest forUser(String userName) {
        return new OffboardingRequest(userName, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(UserNames.problems("userName", userName));
        accountIdProblem("accountId", accountId).ifPresent(problems::add);
        if (quarantineDays != null && (quarantineDays < 0 || quarantineDays > MAX_QUARANTINE_DAYS)) {
            problems.add("quarantineDays must be from 0 (none) to " + MAX_QUARANTINE_DAYS + "; it is " + quarantineDays);
        }
        textProblem("reason", reason).ifPresent(problems::add);
        textProblem("requestedBy", requestedBy).ifPresent(problems::add);
        if (trigger != null) {
            problems.addAll(trigger.problems("trigger"));
        }
        problems.addAll(Executions.problems("execution", execution));
        if (memberAccount != null) {
            problems.addAll(memberAccount.problems("memberAccount"));
            if (!memberAccount.accountId().equals(accountId)) {
                problems.add("memberAccount.accountId must be the request's accountId: the workflow sets memberAccount"
                        + " when accountId names another account; leave it out");
            }
        }
        if (recovery != null) {
            problems.addAll(recovery.problems("recovery"));
        }
        return problems;
    }

    /** The quarantine asked for, in days: 0 when there is none. */
    public int quarantine() {
        return quarantineDays == null ? 0 : quarantineDays;
    }

    /** The same request, naming {@code account} when it names none (then it is the account the stack runs in). */
    public OffboardingRequest inAccount(String account) {
        return accountId != null ? this : new OffboardingRequest(userName, account, dryRun, force, quarantineDays,
                reason, requestedBy, allowPrivileged, trigger, execution, memberAccount, phase, recovery);
    }

    /** The same request, started by {@code trigger}. */
    public OffboardingRequest withTrigger(Trigger trigger) {
        return new OffboardingRequest(userName, accountId, dryRun, force, quarantineDays, reason, requestedBy, allowPrivileged,
                trigger, execution, memberAccount, phase, recovery);
    }

    /** The problem with an optional account id: it must be 12 digits (as a string), or absent. */
    public static java.util.Optional<String> accountIdProblem(String field, String value) {
        if (value != null && !ACCOUNT_ID.matcher(value).matches()) {
            return java.util.Optional.of(field + " must be a 12-digit AWS account id such as \"123456789012\" (as a"
                    + " string), or absent for the account the stack runs in");
        }
        return java.util.Optional.empty();
    }

    /** The problem with an optional text kept in the audit record (a reason, who asked): at most 1024 characters. */
    public static java.util.Optional<String> textProblem(String field, String value) {
        if (value != null && value.length() > MAX_TEXT_LENGTH) {
            return java.util.Optional.of(field + " is " + value.length() + " characters long; at most "
                    + MAX_TEXT_LENGTH + " are kept in the audit record");
        }
        return java.util.Optional.empty();
    }
}
