package dev.offboarding.removetokens;

import dev.offboarding.model.RemovalMode;
import dev.offboarding.json.Validatable;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.Executions;
import dev.offboarding.validation.MemberAccount;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {"inventory": <list-tokens output, or part of one>, "mode": "REMOVE" | "LOCK_OUT", "dryRun": false,
 * "quarantineDays": 0}}. {@code quarantineDays} goes with LOCK_OUT: the result then says until when the user stays
 * locked out before the workflow takes a fresh inventory and finishes. {@code execution} (optional) is set by the
 * workflow so that the log names it. Every item of the inventory is checked ({@link InventoryRules}) before anything
 * is sent to IAM, in a dry run too.
 */
public record RemoveTokensRequest(UserInventory inventory, RemovalMode mode, Boolean dryRun, Integer quarantineDays,
                                  String execution, MemberAccount memberAccount) implements Validatable {

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    public int quarantine() {
        return quarantineDays == null ? 0 : quarantineDays;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (inventory == null) {
            problems.add("inventory is required: pass the output of list-tokens (or part of it), "
                    + "e.g. \"inventory\": {\"userName\": \"little_tester\", \"accessKeys\": [...]}");
        } else {
            problems.addAll(UserNames.problems("inventory.userName", inventory.userName()));
            problems.addAll(InventoryRules.problems(inventory));
        }
        if (mode == null) {
            problems.add("mode is required: \"LOCK_OUT\" (reversible lock-out only) or \"REMOVE\" (everything)");
        }
        if (quarantineDays != null) {
            if (quarantineDays < 0 || quarantineDays > OffboardingRequest.MAX_QUARANTINE_DAYS) {
                problems.add("quarantineDays must be from 0 to " + OffboardingRequest.MAX_QUARANTINE_DAYS + "; it is "
                        + quarantineDays);
            } else if (quarantineDays > 0 && mode == RemovalMode.REMOVE) {
                problems.add("quarantineDays goes with mode LOCK_OUT (lock out now, remove later), not with REMOVE");
            }
        }
        problems.addAll(Executions.problems("execution", execution));
        if (memberAccount != null) {
            problems.addAll(memberAccount.problems("memberAccount"));
        }
        if (problems.isEmpty()) {
            // IAM's calls name a user, not an account: an inventory of another account's bob would act on this one's.
            Optional<String> userAccount = InventoryRules.userAccount(inventory);
            Optional<String> actedIn = accountActedIn();
            if (userAccount.isPresent() && actedIn.isPresent() && !userAccount.equals(actedIn)) {
                problems.add("inventory.user.arn is a user of account " + userAccount.get() + ", but this request acts"
                        + " in account " + actedIn.get() + (memberAccount != null ? " (memberAccount)"
                        : " (the execution's, with no memberAccount)") + ": pass the memberAccount the inventory was"
                        + " taken in, or take the inventory in this account");
            }
        }
        return problems;
    }

    /**
     * The account the request acts in, when it says: {@code memberAccount}'s, or else, for a run of the workflow,
     * the account its {@code execution} runs in (the home account, where the functions act with their own role).
     */
    Optional<String> accountActedIn() {
        if (memberAccount != null) {
            return Optional.of(memberAccount.accountId());
        }
        if (execution == null) {
            return Optional.empty();
        }
        Matcher arn = EXECUTION_ACCOUNT.matcher(execution);
        return arn.matches() ? Optional.of(arn.group(1)) : Optional.empty();
    }

    private static final Pattern EXECUTION_ACCOUNT = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:(\\d{12}):.*");
}
