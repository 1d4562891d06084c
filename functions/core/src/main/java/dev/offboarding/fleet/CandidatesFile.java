package dev.offboarding.fleet;

import java.time.Instant;
import java.util.List;

/**
 * What select-users found in one account ({@code fleet/<run>/<fleetExecution>/candidates/<accountId>.json}): the
 * account's number of users (GetAccountSummary), each candidate with why it was selected (one sentence per selector),
 * and the names the request gave that are not in the account. {@code reportGeneratedAt}: when the credential report
 * the staleness was read from was generated; null when the request has no {@code unusedForDays}.
 */
public record CandidatesFile(String accountId, Integer accountUsers, Instant selectedAt, Instant reportGeneratedAt,
                             List<Candidate> candidates, List<String> notFound) {

    /** A selected user, as IAM spells its name, and one reason per selector it matched. */
    public record Candidate(String userName, List<String> why) {
    }
}
