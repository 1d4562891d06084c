package dev.offboarding.fleetrun;

import dev.offboarding.fleet.CandidatesFile;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a candidates file must be to be the one select-users wrote for its answer. */
final class CandidatesFiles {
    private CandidatesFiles() {
    }

    static List<String> problems(CandidatesFile file, Selection selection) {
        List<String> problems = new ArrayList<>();
        if (!selection.accountId().equals(file.accountId())) {
            problems.add("its accountId is " + file.accountId() + ", not " + selection.accountId());
        }
        if (file.accountUsers() == null || file.accountUsers() < 0) {
            problems.add("accountUsers is required: the account's number of users");
        } else if (!file.accountUsers().equals(selection.accountUsers())) {
            // The share limit is taken against it: a file that says the account is larger than it is lifts the limit.
            problems.add("accountUsers is " + file.accountUsers() + "; select-users answered "
                    + selection.accountUsers());
        }
        if (file.candidates() == null || file.notFound() == null) {
            problems.add("candidates and notFound are required (empty arrays when none)");
            return problems;
        }
        if (file.candidates().size() != selection.candidates() || file.notFound().size() != selection.notFound()) {
            problems.add("it lists " + file.candidates().size() + " candidates and " + file.notFound().size()
                    + " not found; select-users answered " + selection.candidates() + " and " + selection.notFound());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.candidates().size(); i++) {
            CandidatesFile.Candidate candidate = file.candidates().get(i);
            if (candidate == null) {
                problems.add("candidates[" + i + "] is null");
                continue;
            }
            problems.addAll(UserNames.problems("candidates[" + i + "].userName", candidate.userName()));
            if (candidate.userName() != null && !seen.add(candidate.userName().toLowerCase(Locale.ROOT))) {
                problems.add("candidates[" + i + "].userName " + candidate.userName() + " is listed twice");
            }
            if (candidate.why() == null) {
                problems.add("candidates[" + i + "].why is required: why the user was selected");
            }
        }
        for (int i = 0; i < file.notFound().size(); i++) {
            problems.addAll(UserNames.problems("notFound[" + i + "]", file.notFound().get(i)));
        }
        return problems;
    }
}
