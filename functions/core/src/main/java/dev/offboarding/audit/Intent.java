package dev.offboarding.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.offboarding.decision.Phase;
import dev.offboarding.model.DenyAll;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.UserInventory;
import java.time.Instant;
import java.util.List;

/**
 * What a run is about to do, written to its record before it does it: a remove-tokens round ({@code step}
 * {@code RemoveTokens}: its mode, the inventory it acts on, the deny of every action it attaches first and each item it
 * will act on, in order), a DeleteUser call ({@code step} {@code DeleteUser}) or a reinstate's changes ({@code step}
 * {@code ReinstateUser}: the record's {@code reinstatement} holds the plan). A record whose intent is still there when
 * the run is gone says what may have been done in part.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intent(String step, RemovalMode mode, Boolean dryRun, Phase phase, UserInventory inventory,
                     DenyAttachment deny, List<RemovedItem> plan, Instant at) {
    public static final String REMOVE_TOKENS = "RemoveTokens";
    public static final String DELETE_USER = "DeleteUser";
    public static final String REINSTATE_USER = "ReinstateUser";

    public static Intent removal(RemovalMode mode, boolean dryRun, Phase phase, UserInventory inventory,
                                 List<RemovedItem> plan, Instant at) {
        return new Intent(REMOVE_TOKENS, mode, dryRun, phase, inventory, DenyAll.planned(inventory), List.copyOf(plan),
                at);
    }

    public static Intent deletion(Instant at) {
        return new Intent(DELETE_USER, null, null, null, null, null, null, at);
    }

    public static Intent reinstating(Instant at) {
        return new Intent(REINSTATE_USER, null, null, null, null, null, null, at);
    }
}
