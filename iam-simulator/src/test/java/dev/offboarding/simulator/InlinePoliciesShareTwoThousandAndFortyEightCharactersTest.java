package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.LimitExceededException;

/**
 * IAM's quotas on what a user carries: all of its inline policy documents together hold at most 2,048 characters,
 * white space not counted; at most 10 managed policies are attached to it.
 */
class InlinePoliciesShareTwoThousandAndFortyEightCharactersTest {

    private static final String SMALLEST = "{}";

    private final IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());

    /** A policy document of exactly {@code size} characters, none of them white space. */
    static String documentOf(int size) {
        String start = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::";
        String end = "\"}]}";
        return start + "b".repeat(size - start.length() - end.length()) + end;
    }

    /** The same document spread over lines and indented: longer, but not to IAM's quota. */
    static String spacedOut(String document) {
        return document.replace("{", "{\n    ").replace(",", ",\n    ").replace(":", " : ").replace("}", "\n}");
    }

    @Test
    void theDocumentsTogetherMayHoldExactly2048Characters() {
        put("first", documentOf(1_000));
        put("second", documentOf(1_048));

        LimitExceededException e = assertThrows(LimitExceededException.class, () -> put("third", SMALLEST));
        assertEquals("LimitExceeded", e.awsErrorDetails().errorCode());
        assertEquals(409, e.statusCode());
        assertEquals("Maximum policy size of 2048 bytes exceeded for user little_tester",
                e.awsErrorDetails().errorMessage());
        assertEquals(List.of("first", "second"), sim.listUserPolicies(r -> r.userName(USER)).policyNames(),
                "the refused policy was not stored");
        assertEquals(List.of("OK", "OK", "LimitExceeded"), sim.calls().all().stream()
                .filter(c -> c.operation().equals("PutUserPolicy")).map(Call::outcome).toList());
    }

    @Test
    void oneDocumentOf2049CharactersIsTooMuchOnItsOwn() {
        assertThrows(LimitExceededException.class, () -> put("big", documentOf(2_049)));
        put("big", documentOf(2_048));
    }

    @Test
    void whiteSpaceDoesNotCount() {
        String spaced = spacedOut(documentOf(2_048));
        assertTrue(spaced.length() > 2_048, "the document is longer than the quota");

        put("spaced", spaced);

        assertThrows(LimitExceededException.class, () -> put("more", SMALLEST));
    }

    @Test
    void replacingAPolicyCountsItsNewDocumentInsteadOfTheOld() {
        put("grants", documentOf(2_000));
        put("grants", documentOf(2_048));
        assertThrows(LimitExceededException.class, () -> put("other", SMALLEST));

        put("grants", documentOf(1_000));
        put("other", documentOf(1_048));
        assertThrows(LimitExceededException.class, () -> put("other", documentOf(1_049)));
        assertEquals(List.of("grants", "other"), sim.listUserPolicies(r -> r.userName(USER)).policyNames());
    }

    @Test
    void aDeletedPolicyFreesItsShareAndEachUserHasItsOwnQuota() {
        put("grants", documentOf(2_048));
        sim.createUser(r -> r.userName("neighbour"));
        sim.putUserPolicy(r -> r.userName("neighbour").policyName("grants").policyDocument(documentOf(2_048)));

        sim.deleteUserPolicy(r -> r.userName(USER).policyName("grants"));
        put("again", documentOf(2_048));
    }

    @Test
    void aWorldCannotGiveAUserMoreThanIamWould() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String world = """
                {"users": [{"userName": "heavy", "inlinePolicies": [
                  {"policyName": "a", "policyDocument": %s},
                  {"policyName": "b", "policyDocument": %s}]}]}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IamSimulator.fromWorld(
                json.readTree(world.formatted(documentOf(1_000), json.writeValueAsString(documentOf(1_049)))),
                Fixtures.clock()));
        assertEquals("users[0].inlinePolicies: the user's inline policy documents hold 2049 characters together "
                + "(white space not counted), over IAM's quota of 2048 per user; make some of them managed policies "
                + "(managedPolicies, attachedPolicies) or shorten them", e.getMessage());

        IamSimulator fits = IamSimulator.fromWorld(json.readTree(world.formatted(documentOf(1_000),
                json.writeValueAsString(spacedOut(documentOf(1_048))))), Fixtures.clock());
        assertEquals(List.of("a", "b"), fits.listUserPolicies(r -> r.userName("heavy")).policyNames());
    }

    @Test
    void atMostTenManagedPoliciesAreAttachedToAUser() {
        for (int i = 0; i < UserPolicyOperations.MAX_ATTACHED_PER_USER; i++) {
            String arn = "arn:aws:iam::123456789012:policy/p" + i;
            sim.attachUserPolicy(r -> r.userName(USER).policyArn(arn));
        }
        sim.attachUserPolicy(r -> r.userName(USER).policyArn("arn:aws:iam::123456789012:policy/p0"));

        LimitExceededException e = assertThrows(LimitExceededException.class, () -> sim.attachUserPolicy(r -> r
                .userName(USER).policyArn("arn:aws:iam::aws:policy/AWSDenyAll")));
        assertEquals("Cannot exceed quota for PoliciesPerUser: 10", e.awsErrorDetails().errorMessage());
        assertEquals(409, e.statusCode());
    }

    private void put(String name, String document) {
        sim.putUserPolicy(r -> r.userName(USER).policyName(name).policyDocument(document));
    }
}
