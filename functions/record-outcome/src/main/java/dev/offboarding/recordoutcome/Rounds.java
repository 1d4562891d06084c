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

    /** Each round must say what it did: a round and its mode. */
    static List<String> problems(Rounds newest) {
        List<String> problems = new ArrayList<>();
        String at = "log.rounds";
        int seen = 0;
        for (Rounds r = newest; r != null && seen < MAX_ROUNDS; r = r.before(), seen++, at += ".before") {
            if (r.round() == null) {
                problems.add(at + ".round is required: the remove-tokens round the workflow recorded");
            } else if (r.round().mode() == null) {
                problems.add(at + ".round.mode is required: LOCK_OUT or REMOVE, the round's mode");
            }
        }
        return problems;
    }

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
