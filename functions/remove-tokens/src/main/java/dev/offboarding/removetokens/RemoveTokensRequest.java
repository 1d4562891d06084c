package dev.offboarding.removetokens;

import dev.offboarding.json.Validatable;
import dev.offboarding.model.UserInventory;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"inventory": <list-tokens output, or part of one>, "mode": "REMOVE" | "LOCK_OUT", "dryRun": false}}
 */
public record RemoveTokensRequest(UserInventory inventory, RemovalMode mode, Boolean dryRun) implements Validatable {

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (inventory == null) {
            problems.add("inventory is required: pass the output of list-tokens (or part of it), "
                    + "e.g. \"inventory\": {\"userName\": \"little_tester\", \"accessKeys\": [...]}");
        } else {
            problems.addAll(UserNames.problems("inventory.userName", inventory.userName()));
        }
        if (mode == null) {
            problems.add("mode is required: \"LOCK_OUT\" (reversible lock-out only) or \"REMOVE\" (everything)");
        }
        return problems;
    }
}
