package dev.offboarding.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.iam.Partitions;
import dev.offboarding.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deny of every action is the AWS managed policy AWSDenyAll of the user's own partition: its ARN is
 * {@code arn:<partition>:iam::aws:policy/AWSDenyAll} in aws, aws-cn and aws-us-gov alike. It is in place when the
 * inventory lists it among the user's attached policies or as the user's permissions boundary; a customer managed
 * policy that only shares its name denies nothing for certain and is not it.
 */
class DenyAllUnitTest {
    private static final Instant CREATED = Instant.parse("2024-03-01T09:30:00Z");
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    /** bob with this user ARN (null: none), permissions boundary and attached policies. */
    private static UserInventory bob(String userArn, String boundary, String... attachedArns) {
        UserDetails user = userArn == null && boundary == null ? null
                : new UserDetails(userArn, "AIDAEXAMPLE", "/", CREATED, null, boundary, List.of());
        List<AttachedPolicy> attached = java.util.Arrays.stream(attachedArns)
                .map(arn -> new AttachedPolicy(arn.substring(arn.lastIndexOf('/') + 1), arn)).toList();
        return new UserInventory("bob", true, user, null, null, null, null, null, null, null, attached, null, null,
                false, false, false, null, CREATED, null);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "arn:aws:iam::123456789012:user/bob,                  arn:aws:iam::aws:policy/AWSDenyAll",
        "arn:aws-cn:iam::123456789012:user/bob,               arn:aws-cn:iam::aws:policy/AWSDenyAll",
        "arn:aws-us-gov:iam::123456789012:user/division/bob,  arn:aws-us-gov:iam::aws:policy/AWSDenyAll",
    })
    void thePolicyIsAwsDenyAllInThePartitionOfTheUsersArn(String userArn, String policyArn) {
        assertEquals(policyArn, DenyAll.policyArn(bob(userArn, null)));
        assertTrue(DenyAll.isDenyAll(policyArn), policyArn);
    }

    @Test
    void withoutTheUsersArnThePartitionIsThatOfTheRegionTheFunctionRunsIn() {
        String expected = "arn:" + Partitions.fromEnvironment(System.getenv()) + ":iam::aws:policy/AWSDenyAll";

        assertEquals(expected, DenyAll.policyArn(bob(null, null)));
        assertEquals(expected, DenyAll.policyArn(bob(null, "arn:aws:iam::123456789012:policy/boundary")),
                "a user known by its boundary but not its ARN");
    }

    @Test
    void onlyTheAwsManagedPolicyIsTheDenyNotACustomerPolicyOfTheSameName() {
        assertFalse(DenyAll.isDenyAll("arn:aws:iam::123456789012:policy/AWSDenyAll"),
                "a customer managed policy may say anything");
        assertFalse(DenyAll.isDenyAll("arn:aws:iam::aws:policy/job-function/AWSDenyAll"));
        assertFalse(DenyAll.isDenyAll("arn:aws:iam::aws:policy/AWSDenyAllButS3"));
        assertFalse(DenyAll.isDenyAll(READ_ONLY));
        assertFalse(DenyAll.isDenyAll(null));
    }

    @Test
    void noDenyIsInPlaceWhenNeitherAnAttachedPolicyNorTheBoundaryIsAwsDenyAll() {
        assertEquals(Optional.empty(), DenyAll.inPlace(bob("arn:aws:iam::123456789012:user/bob",
                "arn:aws:iam::123456789012:policy/AWSDenyAll", READ_ONLY)));
        assertEquals(Optional.empty(), DenyAll.inPlace(bob(null, null)));
    }

    @Test
    void awsDenyAllAmongTheAttachedPoliciesIsADenyInPlaceAsAManagedPolicy() {
        assertEquals(Optional.of(DenyMechanism.MANAGED_POLICY),
                DenyAll.inPlace(bob("arn:aws:iam::123456789012:user/bob", null, READ_ONLY, DENY_ALL)));
        assertEquals(Optional.of(DenyMechanism.MANAGED_POLICY), DenyAll.inPlace(bob(
                "arn:aws-cn:iam::123456789012:user/bob", null, "arn:aws-cn:iam::aws:policy/AWSDenyAll")));
    }

    @Test
    void awsDenyAllAsThePermissionsBoundaryIsADenyInPlaceAsTheBoundary() {
        assertEquals(Optional.of(DenyMechanism.PERMISSIONS_BOUNDARY), DenyAll.inPlace(bob(
                "arn:aws-us-gov:iam::123456789012:user/bob", "arn:aws-us-gov:iam::aws:policy/AWSDenyAll", READ_ONLY)));
    }

    @Test
    void attachedAndAsTheBoundaryTheAttachedOneIsTheDenyInPlace() {
        assertEquals(Optional.of(DenyMechanism.MANAGED_POLICY),
                DenyAll.inPlace(bob("arn:aws:iam::123456789012:user/bob", DENY_ALL, DENY_ALL)));
    }

    @Test
    void theDenyARoundWouldAttachIsAwsDenyAllAsAManagedPolicyWithoutATime() {
        DenyAttachment planned = DenyAll.planned(bob("arn:aws-cn:iam::123456789012:user/bob",
                "arn:aws-cn:iam::123456789012:policy/boundary", "arn:aws-cn:iam::aws:policy/ReadOnlyAccess"));

        assertEquals(new DenyAttachment(DenyMechanism.MANAGED_POLICY, "arn:aws-cn:iam::aws:policy/AWSDenyAll", null,
                false, null, null), planned);
    }

    @Test
    void aDenyAlreadyInPlaceIsPlannedAsItIsOnlyConfirmed() {
        assertEquals(new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL, null, true, null, null),
                DenyAll.planned(bob("arn:aws:iam::123456789012:user/bob", null, DENY_ALL)));
        assertEquals(new DenyAttachment(DenyMechanism.PERMISSIONS_BOUNDARY, DENY_ALL, null, true, null, null),
                DenyAll.planned(bob("arn:aws:iam::123456789012:user/bob", DENY_ALL)));
    }

    @Test
    void aPlannedDenyIsWrittenNotYetAttachedWithoutTheFieldsOnlyAFallbackHas() {
        JsonNode json = Json.mapper().valueToTree(DenyAll.planned(bob("arn:aws:iam::123456789012:user/bob", null)));

        assertEquals(Json.mapper().createObjectNode().put("how", "MANAGED_POLICY").put("policy", DENY_ALL)
                .putNull("attachedAt").put("alreadyInPlace", false), json);
    }

    @Test
    void anAttachmentWithoutRefusalsHasNone() {
        DenyAttachment attached = new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL, CREATED, false, null,
                List.of());

        assertNull(attached.refusals());
        assertEquals(List.of("quota full"), new DenyAttachment(DenyMechanism.PERMISSIONS_BOUNDARY, DENY_ALL, CREATED,
                false, null, List.of("quota full")).refusals());
    }
}
