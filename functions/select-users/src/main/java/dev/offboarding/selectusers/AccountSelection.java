package dev.offboarding.selectusers;

import dev.offboarding.errors.CredentialReportNotReadyException;
import dev.offboarding.errors.SelectionFailedException;
import dev.offboarding.fleet.CandidatesFile;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.fleet.FleetRequest.TagFilter;
import dev.offboarding.model.CredentialReportAnswer;
import dev.offboarding.model.ListedUser;
import dev.offboarding.model.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The selection in one account, every selector of the request combined with AND: the users ListUsers lists (under
 * {@code pathPrefix} when given), of those the ones the request names (names not there are {@code notFound}), of
 * those the ones carrying every tag, of those the ones whose every credential went unused for
 * {@code unusedForDays} by the credential report. Every call is made before anything is decided, and any failure
 * fails the whole selection: it answers the candidates, or nothing.
 */
final class AccountSelection {
    /** IAM generates a new credential report at most every four hours; an older one is regenerated first. */
    static final Duration REPORT_MAX_AGE = Duration.ofHours(4);

    /** The names a request gives for this account, and where it gives them (for the why). */
    record Named(List<String> names, String why) {
    }

    private final SelectionCalls calls;
    private final Clock clock;

    AccountSelection(SelectionCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /**
     * {@code listingPrefix}: the PathPrefix to list with (see {@link SelectionSettings#listingPrefix});
     * {@code named}: the names the request gives for this account, or null when it names none.
     */
    CandidatesFile select(FleetRequest request, String listingPrefix, Named named) {
        Instant now = clock.instant();
        int accountUsers = calls.call("GetAccountSummary", iam -> iam.accountUserCount()).orElseThrow(() ->
                new SelectionFailedException("iam:GetAccountSummary", calls.accountId(), null, "IAM's answer has no"
                        + " \"Users\" in its SummaryMap, so the share of the account cannot be known", false, null));
        // The report first: while IAM is still writing it, no other call is spent on a selection retried anyway.
        CredentialReport report = request.unusedForDays() == null ? null : freshReport(now);
        List<ListedUser> listed = calls.call("ListUsers", iam -> iam.users(listingPrefix));

        Map<ListedUser, List<String>> selected = new LinkedHashMap<>();
        List<String> notFound = new ArrayList<>();
        if (named == null) {
            listed.forEach(user -> selected.put(user, new ArrayList<>()));
        } else {
            Map<String, ListedUser> byName = new LinkedHashMap<>();
            // IAM user names are unique ignoring case: a list may spell a name otherwise than IAM does.
            listed.forEach(user -> byName.put(user.userName().toLowerCase(Locale.ROOT), user));
            for (String name : named.names()) {
                ListedUser user = byName.get(name.toLowerCase(Locale.ROOT));
                if (user == null) {
                    notFound.add(name);
                } else {
                    selected.computeIfAbsent(user, u -> new ArrayList<>()).add(named.why());
                }
            }
        }
        if (request.pathPrefix() != null) {
            selected.forEach((user, why) -> why.add("path " + user.path()));
        }
        if (request.tags() != null) {
            selected.keySet().removeIf(user -> !carriesEvery(request.tags(), user, selected.get(user)));
        }
        if (report != null) {
            Staleness staleness = new Staleness(request.unusedForDays());
            selected.keySet().removeIf(user -> {
                Optional<String> why = report.row(user.userName())
                        .filter(row -> sameUser(row, user))
                        .flatMap(row -> staleness.why(row, report.generatedTime()));
                why.ifPresent(selected.get(user)::add);
                return why.isEmpty();
            });
        }
        List<CandidatesFile.Candidate> candidates = selected.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(u -> u.userName().toLowerCase(Locale.ROOT))))
                .map(e -> new CandidatesFile.Candidate(e.getKey().userName(), List.copyOf(e.getValue())))
                .toList();
        return new CandidatesFile(calls.accountId(), accountUsers, now,
                report == null ? null : report.generatedTime(), candidates, List.copyOf(notFound));
    }

    /** Whether the user carries every tag (keys ignoring case, as IAM keeps them; values exactly); adds the why. */
    private boolean carriesEvery(List<TagFilter> filters, ListedUser user, List<String> why) {
        List<Tag> tags = calls.call("ListUserTags", iam -> iam.userTags(user.userName()));
        for (TagFilter filter : filters) {
            boolean carried = tags.stream().anyMatch(t -> t.key().equalsIgnoreCase(filter.key())
                    && t.value().equals(filter.value()));
            if (!carried) {
                return false;
            }
        }
        filters.forEach(filter -> why.add("tag " + filter));
        return true;
    }

    /**
     * A report row is of the listed user only if it was created when the user was: a user deleted and created again
     * under the same name since the report is another user, whose credentials the report does not show.
     */
    private static boolean sameUser(CredentialReport.Row row, ListedUser user) {
        return user.createDate() != null && row.userCreationTime()
                .equals(user.createDate().truncatedTo(ChronoUnit.SECONDS));
    }

    private CredentialReport freshReport(Instant now) {
        CredentialReportAnswer answer = calls.call("GetCredentialReport", iam -> iam.credentialReport());
        switch (answer.state()) {
            case NOT_PRESENT -> generate("the account had none");
            case EXPIRED -> generate("the last one had expired");
            case IN_PROGRESS -> throw new CredentialReportNotReadyException(calls.accountId(),
                    "IAM answered ReportInProgress");
            default -> {
                if (answer.generatedTime() == null || answer.generatedTime().isBefore(now.minus(REPORT_MAX_AGE))) {
                    generate("the last one was generated at " + answer.generatedTime() + ", more than "
                            + REPORT_MAX_AGE.toHours() + " hours ago");
                }
            }
        }
        try {
            return CredentialReport.parse(answer.generatedTime(), answer.csv());
        } catch (IllegalArgumentException e) {
            throw new SelectionFailedException("iam:GetCredentialReport", calls.accountId(), "an unreadable report",
                    "the report's CSV (" + e.getMessage() + "); generate a new one with"
                    + " aws iam generate-credential-report", false, e);
        }
    }

    private void generate(String why) {
        String state = calls.call("GenerateCredentialReport", iam -> iam.generateCredentialReport());
        throw new CredentialReportNotReadyException(calls.accountId(), why + "; GenerateCredentialReport answered "
                + state);
    }
}
