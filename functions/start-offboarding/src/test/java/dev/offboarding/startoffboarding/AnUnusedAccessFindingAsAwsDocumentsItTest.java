package dev.offboarding.startoffboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IAM Access Analyzer's "Unused Access Finding for IAM entities" event, as the IAM User Guide shows it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-eventbridge.html, "Example unused access findings
 * related events"): source {@code aws.access-analyzer}; {@code account} the analyzer's account, {@code detail.accountId}
 * the resource's; {@code detail.findingId}, {@code findingType}, {@code resource} (the ARN), {@code resourceType},
 * {@code status} (ACTIVE, ARCHIVED, RESOLVED), {@code isDeleted}, and {@code error} on an error finding. Only an
 * active finding that a user's password or access key has gone unused asks for anything: a quarantine of that user.
 */
class AnUnusedAccessFindingAsAwsDocumentsItTest {
    static final Path EVENTS = Path.of("..", "..", "events");
    static final String USER_FINDING = "eventbridge-access-analyzer-unused-access-finding.json";
    /** The IAM User Guide's own example, unchanged: an unused permission finding on a role. */
    static final String DOCUMENTED_ROLE_FINDING = "eventbridge-access-analyzer-unused-permission-role.json";
    private static final Trigger TRIGGER = new Trigger("dc7ce3ee-114b-3243-e249-7f10f9054b21", "aws.access-analyzer",
            Instant.parse("2023-09-29T17:31:40Z"));

    static ObjectNode example(String file) throws IOException {
        return (ObjectNode) Json.mapper().readTree(Files.readString(EVENTS.resolve(file)));
    }

    static ObjectNode userFindingWith(String field, String value) throws IOException {
        ObjectNode event = example(USER_FINDING);
        ((ObjectNode) event.get("detail")).put(field, value);
        return event;
    }

    private static DeliveredEvent read(ObjectNode event) {
        return RequestReader.read(event, DeliveredEvent.class);
    }

    private static UnusedAccessFinding finding(ObjectNode event) {
        return assertInstanceOf(UnusedAccessFindingEvent.class, read(event)).detail();
    }

    @Test
    void theDocumentedExampleIsReadAsAFindingAndAsksForNothingSinceItIsARolesUnusedPermission() throws IOException {
        UnusedAccessFinding finding = finding(example(DOCUMENTED_ROLE_FINDING));

        assertEquals("b8ae0460-5d29-4922-b92a-ba956c986277", finding.findingId());
        assertEquals("111122223333", finding.accountId());
        assertEquals(Optional.empty(), finding.userName());
        assertEquals(Optional.of("the finding is about a AWS::IAM::Role, not an IAM user (AWS::IAM::User)"),
                finding.whyNoQuarantine());
    }

    @Test
    void anActiveUnusedPasswordFindingOnAUserAsksForAQuarantineOfThatUserInItsAccount() throws IOException {
        OffboardingRequest request = finding(example(USER_FINDING)).quarantine(TRIGGER, 30);

        assertEquals(new OffboardingRequest("little_tester", "123456789012", null, null, 30,
                "unused access: IAM Access Analyzer finding b8ae0460-5d29-4922-b92a-ba956c986277"
                        + " (UnusedIAMUserPassword)", "aws.access-analyzer", null, TRIGGER, null, null, null, null),
                request);
        assertEquals(java.util.List.of(), request.problems());
    }

    @Test
    void anUnusedAccessKeyFindingAsksForAQuarantineToo() throws IOException {
        UnusedAccessFinding finding = finding(userFindingWith("findingType", "UnusedIAMUserAccessKey"));

        assertEquals(Optional.empty(), finding.whyNoQuarantine());
    }

    @Test
    void theUserNameIsTheLastSegmentOfTheArnAfterItsPath() throws IOException {
        UnusedAccessFinding finding = finding(userFindingWith("resource",
                "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Jane.Doe@example.com"));

        assertEquals(Optional.of("Jane.Doe@example.com"), finding.userName());
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "status|ARCHIVED|the finding is ARCHIVED, not ACTIVE",
        "status|RESOLVED|the finding is RESOLVED, not ACTIVE",
        "findingType|UnusedPermission|findingType UnusedPermission does not say the user's password or an access key"
                + " has gone unused (only UnusedIAMUserAccessKey and UnusedIAMUserPassword do): unused permissions are"
                + " found on users still at work too",
        "findingType|UnusedIAMRole|findingType UnusedIAMRole does not say",
        "error|INTERNAL_ERROR|it is an error finding (error INTERNAL_ERROR): the analyzer could not analyze the user",
    })
    void aFindingThatDoesNotSayTheUserIsStaleAsksForNothingAndSaysWhy(String field, String value, String why)
            throws IOException {
        Optional<String> reason = finding(userFindingWith(field, value)).whyNoQuarantine();

        assertTrue(reason.orElseThrow().startsWith(why), reason.get());
    }

    /** Access Analyzer tells of a deleted finding (its analyzer deleted, say) with its status unchanged. */
    @Test
    void theDeletionOfAnActiveFindingAsksForNothing() throws IOException {
        ObjectNode deleted = example(USER_FINDING);
        ((ObjectNode) deleted.get("detail")).put("isDeleted", true);

        assertTrue(finding(deleted).whyNoQuarantine().orElseThrow().contains("deletion (isDeleted: true)"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "resource|arn:aws:iam::123456789012:role/little_tester|detail.resource must be an IAM user's ARN",
        "resource|arn:aws:iam::123456789012:user/|detail.the user name in resource arn:aws:iam::123456789012:user/ is empty",
        "resource|arn:aws:iam::123456789012:user//little_tester|detail.resource must be an IAM user's ARN",
        "resource|arn:aws:iam::12345678901:user/little_tester|detail.resource must be an IAM user's ARN",
        "resource|arn:aws:iam:us-east-1:123456789012:user/little_tester|detail.resource must be an IAM user's ARN",
        "resource|arn:aws:sts::123456789012:assumed-role/r/little_tester|detail.resource must be an IAM user's ARN",
        "resource|arn:aws:iam::123456789012:user/little tester|contains the character U+0020",
        "resource|little_tester|detail.resource must be an IAM user's ARN",
        "resource|arn:aws:iam::210987654321:user/little_tester|is a user of account 210987654321, but accountId is"
                + " 123456789012: the two must agree",
        "resourceType|AWS::IAM::Role|detail.resource arn:aws:iam::123456789012:user/little_tester is an IAM user's"
                + " ARN, but resourceType is AWS::IAM::Role: the two must agree",
        "accountId|12345678901|detail.accountId is required: the 12-digit id",
        "status|active|detail.status must be one of ACTIVE, ARCHIVED, RESOLVED; it is \"active\"",
        "findingId|''|detail.findingId is required",
    })
    void aMalformedFindingIsRefusedNamingTheField(String field, String value, String expected) throws IOException {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> read(userFindingWith(field, value)));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"findingId", "findingType", "resource", "resourceType", "accountId", "status", "isDeleted"})
    void aFindingWithoutAFieldItIsReadByIsRefused(String field) throws IOException {
        ObjectNode event = example(USER_FINDING);
        ((ObjectNode) event.get("detail")).remove(field);

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(event));

        assertTrue(e.getMessage().contains("detail." + field), e.getMessage());
    }

    @Test
    void aWrongTypeInAFieldItIsReadByIsRefused() throws IOException {
        ObjectNode event = example(USER_FINDING);
        ((ObjectNode) event.get("detail")).put("isDeleted", "false");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(event));

        assertTrue(e.getMessage().contains("field \"detail.isDeleted\" must be true or false"), e.getMessage());
    }

    /** AWS adds fields to its events over time; the fields read keep their meaning whatever is added. */
    @Test
    void aFieldAwsAddsLaterIsIgnoredAndSoIsAnyOfTheRequestsFields() throws IOException {
        ObjectNode event = example(USER_FINDING);
        ((ObjectNode) event.get("detail")).put("resourceControlPolicyRestrictionType", "NOT_APPLICABLE")
                .put("quarantineDays", 0).put("force", true).put("dryRun", false).put("allowPrivileged", true)
                .put("userName", "administrator");

        OffboardingRequest request = finding(event).quarantine(TRIGGER, 30);

        assertEquals("little_tester", request.userName());
        assertEquals(30, request.quarantineDays());
        assertEquals(null, request.force());
        assertEquals(null, request.allowPrivileged());
        assertEquals(null, request.dryRun());
    }

    @Test
    void theEnvelopeIsReadStrictly() throws IOException {
        ObjectNode event = example(USER_FINDING).put("colour", "red");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(event));

        assertTrue(e.getMessage().contains("unknown field \"colour\""), e.getMessage());
    }

    @Test
    void anEventOfAnotherSourceOrDetailTypeIsReadAsAnOffboardingRequestAndSoThisDetailIsRefused() throws IOException {
        for (ObjectNode other : new ObjectNode[] {example(USER_FINDING).put("source", "hr.system"),
                example(USER_FINDING).put("detail-type", "Access Analyzer Finding")}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> read(other));

            assertTrue(e.getMessage().contains("unknown field \"detail.findingId\""), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} days")
    @ValueSource(ints = {0, -1})
    void aFindingNeverAsksForLessThanADaysQuarantine(int days) throws IOException {
        UnusedAccessFinding finding = finding(example(USER_FINDING));

        assertThrows(IllegalStateException.class, () -> finding.quarantine(TRIGGER, days));
    }

    @Test
    void aFindingThatAsksForNothingCannotBeMadeToAskForAQuarantine() throws IOException {
        UnusedAccessFinding archived = finding(userFindingWith("status", "ARCHIVED"));

        assertThrows(IllegalStateException.class, () -> archived.quarantine(TRIGGER, 30));
    }
}
