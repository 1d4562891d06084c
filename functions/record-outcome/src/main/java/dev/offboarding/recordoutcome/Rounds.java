package dev.offboarding.recordoutcome;

import dev.offboarding.audit.RemovalRound;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The removal rounds as the workflow keeps them: newest first, each holding the ones before it (a state machine
 * cannot append to an array, but it can wrap).
 */
public record Rounds(RemovalRound round, Rounds before) {
    /** Bounded by the state machine's own loops; this bound only stops a forged input from exhausting the stack. */
    static final int MAX_ROUNDS = 100;

    /** Oldest first. */
    static List<RemovalRound> inOrder(Rounds newest) {
        List<RemovalRound> rounds = new ArrayList<>();
        for (Rounds r = newest; r != null && rounds.size() < MAX_ROUNDS; r = r.before()) {
            rounds.add(r.round());
        }
        Collections.reverse(rounds);
        return rounds;
    }
}
