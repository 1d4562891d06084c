package dev.offboarding.removetokens;

import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.IdRule;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.Executions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an inventory must be before remove-tokens sends any of it to IAM, in a dry run too: every item as its kind
 * requires ({@link BlockerKind#check}: each id in the form IAM's API documents for it, each status one of IAM's two
 * values exactly, nothing missing, nothing listed twice, no list longer than IAM lets one user have), the execution
 * that took it, and the user it is of. A problem names the item by its path, e.g.
 * {@code inventory.accessKeys[1].status}, and says how to fix it.
 */
final class InventoryRules {
    private static final Pattern USER_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):user(/[\\x21-\\x7E]*)?/([\\w+=,.@-]{1,64})");

    private InventoryRules() {
    }

    /** Every problem with the inventory's items, each naming the item's path under {@code inventory}. */
    static List<String> problems(UserInventory inventory) {
        List<String> problems = new ArrayList<>();
        for (BlockerKind kind : BlockerKind.values()) {
            kind.check("inventory", inventory, problems);
        }
        problems.addAll(Executions.problems("inventory.execution", inventory.execution()));
        userArn(inventory).ifPresent(problems::add);
        return problems;
    }

    /** The account id in the inventory's user ARN, when it has one. */
    static Optional<String> userAccount(UserInventory inventory) {
        if (inventory.user() == null || inventory.user().arn() == null) {
            return Optional.empty();
        }
        Matcher arn = USER_ARN.matcher(inventory.user().arn());
        return arn.matches() ? Optional.of(arn.group(1)) : Optional.empty();
    }

    private static Optional<String> userArn(UserInventory inventory) {
        if (inventory.user() == null || inventory.user().arn() == null || inventory.userName() == null) {
            return Optional.empty();
        }
        String arn = inventory.user().arn();
        Matcher user = USER_ARN.matcher(arn);
        if (arn.length() > IdRule.MAX_ARN || !user.matches()) {
            return Optional.of("inventory.user.arn must be an IAM user's ARN such as"
                    + " \"arn:aws:iam::123456789012:user/little_tester\" (take it from list-tokens' output), or absent");
        }
        if (!user.group(3).equalsIgnoreCase(inventory.userName())) {
            return Optional.of("inventory.user.arn is the ARN of user " + user.group(3) + ", not of inventory.userName "
                    + inventory.userName() + ": this inventory is another user's; take " + inventory.userName()
                    + "'s with list-tokens");
        }
        return Optional.empty();
    }
}
