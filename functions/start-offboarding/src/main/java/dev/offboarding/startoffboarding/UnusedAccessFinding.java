package dev.offboarding.startoffboarding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.offboarding.json.Validatable;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import dev.offboarding.validation.UserNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code detail} of IAM Access Analyzer's "Unused Access Finding for IAM entities" event, and what it may start:
 * a quarantine of the user it names, never a deletion without one.
 *
 * <p>Only an {@code ACTIVE}, not deleted, not error finding on an IAM user ({@code AWS::IAM::User}) whose type says a
 * way of signing in has gone unused ({@code UnusedIAMUserPassword}, {@code UnusedIAMUserAccessKey}) asks for one.
 * {@code UnusedPermission} is not taken: it says the user has permissions it does not use, which an active user has
 * as often as a stale one. Every other finding is well-formed but asks for nothing ({@link #whyNoQuarantine}).
 *
 * <p>AWS writes this detail, not a person, and adds fields to it over time: the fields read here are checked as
 * strictly as any request, the others are ignored, so a field AWS adds later cannot stop the trigger, and cannot
 * change what the fields read here mean.
 *
 * @param accountId the account of the resource (the user), which for an organization's analyzer is not the
 *                  event's {@code account} (the analyzer's)
 * @param error     set on an error finding: the analyzer could not analyze the resource
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnusedAccessFinding(
        String findingId,
        String findingType,
        String resource,
        String resourceType,
        String accountId,
        String status,
        @JsonProperty("isDeleted") Boolean isDeleted,
        String error) implements Validatable {

    static final String USER = "AWS::IAM::User";
    static final String ACTIVE = "ACTIVE";
    static final Set<String> STATUSES = Set.of(ACTIVE, "ARCHIVED", "RESOLVED");
    /** The finding types that say one of the user's ways of signing in has gone unused. */
    static final Set<String> QUARANTINING_TYPES = Set.of("UnusedIAMUserPassword", "UnusedIAMUserAccessKey");
    /** Who asked, in the request: the event's source. */
    static final String REQUESTED_BY = UnusedAccessFindingEvent.SOURCE;
    /**
     * {@code arn:<partition>:iam::<account>:user<path><name>}: the path is "/" or "/" segments of the characters IAM
     * allows (U+0021 to U+007E but "/"), each followed by "/"; the name is the last segment.
     */
    private static final Pattern USER_ARN =
            Pattern.compile("arn:aws(?:-[a-z]+)*:iam::(\\d{12}):user(/(?:[\\x21-\\x2E\\x30-\\x7E]+/)*)([^/]*)");
    private static final int MAX_PATH_LENGTH = 512;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        required("findingId", findingId, "the finding's id").ifPresent(problems::add);
        required("findingType", findingType, "e.g. \"UnusedIAMUserPassword\"").ifPresent(problems::add);
        required("resourceType", resourceType, "e.g. \"" + USER + "\"").ifPresent(problems::add);
        required("resource", resource, "the ARN of the user or role the finding is about").ifPresent(problems::add);
        if (findingId != null && findingId.length() > Trigger.MAX_LENGTH) {
            problems.add("findingId is " + findingId.length() + " characters long; at most " + Trigger.MAX_LENGTH);
        }
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            problems.add("accountId is required: the 12-digit id of the account the finding's resource is in, as a"
                    + " string");
        }
        if (status == null || !STATUSES.contains(status)) {
            problems.add("status must be one of ACTIVE, ARCHIVED, RESOLVED; it is " + quoted(status));
        }
        if (isDeleted == null) {
            problems.add("isDeleted is required: true when the event tells of the finding's deletion");
        }
        if (resource != null && resourceType != null) {
            problems.addAll(resourceProblems());
        }
        return problems;
    }

    /** A user's ARN where the finding says it is about a user, and no user's ARN where it says it is not. */
    private List<String> resourceProblems() {
        Matcher arn = USER_ARN.matcher(resource);
        boolean userArn = arn.matches();
        if (!resourceType.equals(USER)) {
            return userArn ? List.of("resource " + resource + " is an IAM user's ARN, but resourceType is "
                    + resourceType + ": the two must agree") : List.of();
        }
        if (!userArn) {
            return List.of("resource must be an IAM user's ARN, arn:<partition>:iam::<account>:user/<path/><name>"
                    + " (resourceType is " + USER + "); it is " + quoted(resource));
        }
        List<String> problems = new ArrayList<>();
        if (arn.group(2).length() > MAX_PATH_LENGTH) {
            problems.add("resource " + resource + ": the user's path is " + arn.group(2).length()
                    + " characters long; IAM paths have at most " + MAX_PATH_LENGTH);
        }
        UserNames.problem("the user name in resource " + resource, arn.group(3)).ifPresent(problems::add);
        if (accountId != null && !arn.group(1).equals(accountId)) {
            problems.add("resource " + resource + " is a user of account " + arn.group(1) + ", but accountId is "
                    + accountId + ": the two must agree");
        }
        return problems;
    }

    /** Why this finding (one without {@link #problems}) asks for no quarantine, or empty when it asks for one. */
    public Optional<String> whyNoQuarantine() {
        if (!resourceType.equals(USER)) {
            return Optional.of("the finding is about a " + resourceType + ", not an IAM user (" + USER + ")");
        }
        if (!status.equals(ACTIVE)) {
            return Optional.of("the finding is " + status + ", not " + ACTIVE + ": it no longer says the access is"
                    + " unused");
        }
        if (isDeleted) {
            return Optional.of("the event tells of the finding's deletion (isDeleted: true), as after its analyzer was"
                    + " deleted, not of unused access");
        }
        if (error != null) {
            return Optional.of("it is an error finding (error " + error + "): the analyzer could not analyze the user,"
                    + " which says nothing about its use");
        }
        if (!QUARANTINING_TYPES.contains(findingType)) {
            return Optional.of("findingType " + findingType + " does not say the user's password or an access key has"
                    + " gone unused (only " + String.join(" and ", QUARANTINING_TYPES.stream().sorted().toList())
                    + " do)" + (findingType.equals("UnusedPermission") ? ": unused permissions are found on users"
                    + " still at work too" : ""));
        }
        return Optional.empty();
    }

    /** The name of the user the finding is about, or empty when it is not about a user. */
    public Optional<String> userName() {
        Matcher arn = USER_ARN.matcher(resource == null ? "" : resource);
        return arn.matches() ? Optional.of(arn.group(3)) : Optional.empty();
    }

    /**
     * The request this finding asks for: a quarantine of {@code quarantineDays} (at least 1) of the user, in its
     * account, started by {@code trigger}; never a dry run, never forced, never allowed a privileged user.
     */
    public OffboardingRequest quarantine(Trigger trigger, int quarantineDays) {
        if (quarantineDays < 1 || whyNoQuarantine().isPresent()) {
            throw new IllegalStateException("finding " + findingId + " asks for no quarantine of " + quarantineDays
                    + " days");
        }
        return new OffboardingRequest(userName().orElseThrow(), accountId, null, null, quarantineDays,
                "unused access: IAM Access Analyzer finding " + findingId + " (" + findingType + ")", REQUESTED_BY,
                null, trigger, null, null, null, null);
    }

    private static Optional<String> required(String field, String value, String what) {
        return value == null || value.isBlank() ? Optional.of(field + " is required: " + what) : Optional.empty();
    }

    private static String quoted(String value) {
        return value == null ? "absent" : "\"" + value + "\"";
    }
}
