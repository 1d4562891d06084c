package dev.offboarding.listtokens;

import dev.offboarding.model.AccessKey;
import dev.offboarding.model.Activity;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.UserInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Adds the facts the workflow's guards branch on: last activity, protected (the protection tag's key, in any case and
 * with any value), recently active, privileged (read with the inventory).
 */
final class Guards {
    private final GuardSettings settings;

    Guards(GuardSettings settings) {
        this.settings = settings;
    }

    UserInventory evaluate(UserInventory inventory, Instant now) {
        if (!inventory.exists()) {
            return inventory;
        }
        Activity last = lastActivity(inventory).orElse(null);
        boolean isProtected = inventory.user().hasTagKey(settings.protectedTagKey());
        boolean recentlyActive = settings.activityWindowDays() > 0 && last != null
                && last.at().isAfter(now.minus(settings.activityWindow()));
        return inventory.withGuards(last, isProtected, recentlyActive, inventory.privilegeReasons());
    }

    /** The latest use of the console password or of any access key: the only uses IAM records per user. */
    static Optional<Activity> lastActivity(UserInventory inventory) {
        List<Activity> uses = new ArrayList<>();
        Instant passwordLastUsed = inventory.user().passwordLastUsed();
        if (passwordLastUsed != null) {
            uses.add(new Activity(passwordLastUsed, BlockerKind.LOGIN_PROFILE, inventory.userName(), "console", null));
        }
        for (AccessKey key : inventory.accessKeys()) {
            if (key.lastUsed() != null && key.lastUsed().date() != null) {
                uses.add(new Activity(key.lastUsed().date(), BlockerKind.ACCESS_KEY, key.accessKeyId(),
                        key.lastUsed().serviceName(), key.lastUsed().region()));
            }
        }
        return uses.stream().max(Comparator.comparing(Activity::at));
    }
}
