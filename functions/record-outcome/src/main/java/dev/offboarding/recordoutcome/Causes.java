package dev.offboarding.recordoutcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.decision.Guard;
import dev.offboarding.decision.Phase;
import dev.offboarding.json.Json;
import dev.offboarding.model.Activity;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.UserInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Every sentence an execution fails with (its Cause), in one place. */
final class Causes {
    private static final String TO_RUN_ANYWAY = " Nothing was changed. To delete it anyway, run again with \"force\":"
            + " true; to lock it out now and delete it after a quiet period, run again with \"quarantineDays\" set to"
            + " that many days (1 to 90).";

    private Causes() {
    }

    /** Why a guard refuses, before anything changed ({@link Phase#FIRST}) or after this execution changed things. */
    static String refusal(Guard guard, Phase phase, String userName, UserInventory inventory,
                          List<RemovalRound> done) {
        boolean first = phase == Phase.FIRST;
        return switch (guard) {
            case PROTECTED -> first
                    ? "Refusing to delete user " + userName + ": it is tagged as protected (its tags: "
                        + json(inventory.user().tags()) + "). Nothing was changed. If it really must go, have its"
                        + " owner remove the protection tag, then run the offboarding again."
                    : "User " + userName + " was tagged as protected while it was being offboarded (its tags: "
                        + json(inventory.user().tags()) + "), so it was not deleted. Already done by this execution,"
                        + " which its owner may want undone: [" + rounds(done) + "]. To finish the offboarding,"
                        + " remove the protection tag and run it again.";
            case PRIVILEGED -> first
                    ? "Refusing to delete user " + userName + ": it can administer the account ("
                        + json(inventory.privilegeReasons()) + "). Nothing was changed. If it really must go, start"
                        + " the offboarding from the console or the offboard command with \"allowPrivileged\": true"
                        + " (an event can never set it)."
                    : "User " + userName + " was given the rights to administer the account while it was being"
                        + " offboarded (" + json(inventory.privilegeReasons()) + "), so it was not deleted. Already"
                        + " done by this execution, which its owner may want undone: [" + rounds(done) + "]. To"
                        + " finish the offboarding, start it again with \"allowPrivileged\": true from the console or"
                        + " the offboard command.";
            case RECENTLY_ACTIVE -> recentActivity(userName, inventory.lastActivity());
        };
    }

    private static String recentActivity(String userName, Activity last) {
        String what = last.kind() == BlockerKind.LOGIN_PROFILE
                ? "Its console password was last used to sign in at " + last.at() + "."
                : "Its access key " + last.id() + " was last used at " + last.at() + " (service "
                    + json(last.serviceName()) + ", region " + json(last.region()) + ").";
        return "Refusing to delete user " + userName + ": it was active recently. " + what + TO_RUN_ANYWAY;
    }

    /** DeleteUser kept answering DeleteConflict through every sweep, and a last inventory says why. */
    static String conflictPersists(String userName, int sweeps, UserInventory remaining, String lastAnswer,
                                   List<RemovalRound> done) {
        return "User " + userName + " still cannot be deleted: DeleteUser kept answering DeleteConflict through "
                + sweeps + " sweeps. A fresh inventory lists " + remaining.blockerCount() + " blocker(s): "
                + remaining.blockers().stream().map(b -> b.description() + " " + json(b.items()))
                    .collect(Collectors.joining("; "))
                + ". Last answer: " + lastAnswer + " Remove what is listed (or what IAM names) by hand, or stop"
                + " whatever keeps re-creating it, then run the offboarding again. Already done by this execution: ["
                + rounds(done) + "]";
    }

    /** A step that stopped before it finished: Step Functions' own timeout, or the function's. */
    static String stepTimedOut(String error, String cause) {
        return "A step stopped before it finished (" + error + ": " + cause + "). What it did before it stopped is in"
                + " its log lines for this execution; run the offboarding again to finish it (every removal is"
                + " idempotent).";
    }

    /**
     * A failure's message followed by what this execution had done before the failing step (a failing removal adds
     * what it did itself to its own message) and the removal attempts IAM interrupted, each as its round's mode and
     * message: the record's {@code interruptedRemovals} keeps them whole, stack traces included.
     */
    static String withHistory(String message, List<RemovalRound> done, JsonNode interrupted) {
        return message + " Before this step this execution had removed or deactivated (nothing if empty): ["
                + rounds(done) + "]. Removal attempts interrupted midway, newest first, each ending with what it had"
                + " done (null if none): " + interruptions(interrupted);
    }

    private static String interruptions(JsonNode interrupted) {
        if (interrupted == null || !interrupted.isObject()) {
            return "null";
        }
        List<String> attempts = new ArrayList<>();
        for (JsonNode attempt = interrupted; attempt.isObject(); attempt = attempt.path("before")) {
            attempts.add(attempt.path("mode").asText() + ": " + attempt.path("cause").path("errorMessage").asText());
        }
        return json(attempts);
    }

    private static String rounds(List<RemovalRound> done) {
        return done.stream().map(Causes::json).collect(Collectors.joining(","));
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
