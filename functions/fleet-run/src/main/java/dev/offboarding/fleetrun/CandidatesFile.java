package dev.offboarding.fleetrun;

import java.time.Instant;
import java.util.List;

/** {@code F/candidates/<accountId>.json}, as select-users writes it. */
record CandidatesFile(String accountId, Integer accountUsers, Instant selectedAt, Instant reportGeneratedAt,
                      List<Candidate> candidates, List<String> notFound) {
    /** A user selected, and why (each selector it matched). */
    record Candidate(String userName, List<String> why) {
    }
}
