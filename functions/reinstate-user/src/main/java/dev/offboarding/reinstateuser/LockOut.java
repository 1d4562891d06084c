package dev.offboarding.reinstateuser;

import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.Intent;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.model.Action;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.UserInventory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One offboarding's lock-out, as its record says it: the record's key, and from the record itself what its LOCK_OUT
 * rounds did (the credentials they deactivated, the deny they attached, the console password an earlier version
 * deleted), the user as its first inventory found it, and whether the offboarding has moved on to its removal.
 */
record LockOut(String key, AuditRecord record) {

    List<RemovalRound> rounds() {
        return record.removed().stream().filter(round -> round.mode() == RemovalMode.LOCK_OUT).toList();
    }

    boolean recorded() {
        return !rounds().isEmpty();
    }

    String executionId() {
        return record.executionId();
    }

    /** The user as the offboarding's first inventory found it, before anything was changed. */
    UserInventory inventory() {
        return record.inventory();
    }

    /** The user id the first inventory found; null when it does not say. */
    String userId() {
        return inventory() == null || inventory().user() == null ? null : inventory().user().userId();
    }

    /** Every credential the LOCK_OUT rounds deactivated, once each, in the order they did. */
    List<RemovedItem> deactivated() {
        Map<String, RemovedItem> items = new LinkedHashMap<>();
        for (RemovalRound round : rounds()) {
            for (RemovedItem item : round.items()) {
                if (item.action() == Action.DEACTIVATED && item.kind() != null && item.kind().reactivatable()) {
                    items.putIfAbsent(item.kind() + " " + item.id(), item);
                }
            }
        }
        return List.copyOf(items.values());
    }

    /** Whether the item was Active in the first inventory: only those are turned on again. */
    boolean activeBefore(RemovedItem item) {
        return inventory() != null && item.kind().statusIn(inventory(), item.id()).filter("Active"::equals).isPresent();
    }

    /** The deny of every action the lock-out attached first; null when it attached none (an earlier version). */
    DenyAttachment deny() {
        return rounds().stream().map(RemovalRound::deny).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Whether a LOCK_OUT round deleted the console password (earlier versions did; the lock-out now keeps it). */
    boolean deletedThePassword() {
        return rounds().stream().flatMap(round -> round.items().stream())
                .anyMatch(item -> item.kind() == BlockerKind.LOGIN_PROFILE && item.action() == Action.DELETED);
    }

    boolean hadAPassword() {
        return inventory() != null && inventory().loginProfile() != null;
    }

    /** Why the record has no lock-out to undo, for a person. */
    String whyNone() {
        String why = "its newest offboarding record " + key + " (" + record.outcome() + ") has no LOCK_OUT round";
        Intent pending = record.pending();
        if (pending != null && pending.mode() == RemovalMode.LOCK_OUT) {
            why += ": its lock-out was written ahead but never recorded as done (its run stopped midway); re-activate"
                    + " by hand what it had deactivated of " + pending.plan().size() + " planned item(s)";
        }
        return why;
    }

    /**
     * Why the offboarding has moved past its quarantine, if it has: a REMOVE round done, its removal or DeleteUser
     * about to run (written ahead), or the user deleted (or found gone).
     */
    /**
     * Why the record cannot be acted on even though it shows a lock-out, if it cannot: a record must be of {@code
     * userName}, of the execution its key names, with AWSDenyAll as its deny and, for a boundary, the boundary its own
     * inventory showed as the one put back. Only the offboarding functions write records; this keeps one that was
     * written otherwise from making a reinstate turn on another policy or boundary, or stop another run.
     */
    Optional<String> untrusted(String userName) {
        if (inventory() == null || inventory().userName() == null
                || !inventory().userName().equalsIgnoreCase(userName)) {
            return Optional.of("the record at " + key + " is not of " + userName);
        }
        String execution = executionId();
        if (execution == null || !key.endsWith("_" + dev.offboarding.validation.Executions.nameOf(execution)
                + ".json")) {
            return Optional.of("the record at " + key + " names another execution than its key (" + execution + ")");
        }
        DenyAttachment deny = deny();
        if (deny != null && !dev.offboarding.model.DenyAll.isDenyAll(deny.policy())) {
            return Optional.of("the record at " + key + " names " + deny.policy() + " as its deny, which is not"
                    + " AWSDenyAll");
        }
        if (deny != null && deny.replacedBoundary() != null && (inventory().user() == null
                || !deny.replacedBoundary().equals(inventory().user().permissionsBoundary()))) {
            return Optional.of("the record at " + key + " says the deny replaced the boundary "
                    + deny.replacedBoundary() + ", which its own inventory does not show");
        }
        return Optional.empty();
    }

    Optional<String> movedOnToRemoval() {
        if (record.removed().stream().anyMatch(round -> round.mode() == RemovalMode.REMOVE)) {
            return Optional.of("it has a REMOVE round");
        }
        Intent pending = record.pending();
        if (pending != null && Intent.DELETE_USER.equals(pending.step())) {
            return Optional.of("it was about to call DeleteUser");
        }
        if (pending != null && pending.mode() == RemovalMode.REMOVE) {
            return Optional.of("it was about to run its REMOVE round");
        }
        if (record.outcome() == Outcome.DELETED || record.outcome() == Outcome.ALREADY_ABSENT) {
            return Optional.of("it ended " + record.outcome());
        }
        return Optional.empty();
    }
}
