package dev.offboarding.removetokens;

import static dev.offboarding.removetokens.RoundRequests.invoke;
import static dev.offboarding.removetokens.RoundRequests.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.DenyNotAttachedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;

/**
 * IAM refuses AttachUserPolicy for good when the user already has as many managed policies as the account's quota
 * allows (LimitExceeded) or when a policy denies the call (AccessDenied, e.g. an organization's SCP). Then AWSDenyAll
 * becomes the user's permissions boundary (PutUserPermissionsBoundary), in place of the boundary the user had, which
 * the answer keeps for a reinstate. When IAM refuses that too, nothing at all is changed: a lock-out without the deny
 * would leave the user's sessions their permissions. Throttling or a server failure is no refusal: the round stops
 * there, retryable. A user that is gone has nothing to deny, and each of its items is already absent.
 */
class WhenIamRefusesTheDenyItFallsBackTest {
    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/developer-boundary";
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final IamClient iam = MockIam.iamClient();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LocalContext context = new LocalContext("remove-tokens");

    /** bob: an active key, a console password, ReadOnlyAccess attached, and this boundary (null: none). */
    private static ObjectNode round(String mode, String boundary) {
        ObjectNode inventory = Json.mapper().createObjectNode().put("userName", "bob");
        ObjectNode user = inventory.putObject("user").put("arn", "arn:aws:iam::123456789012:user/bob");
        if (boundary != null) {
            user.put("permissionsBoundary", boundary);
        }
        inventory.putObject("loginProfile");
        inventory.putArray("accessKeys").addObject().put("accessKeyId", KEY).put("status", "Active");
        inventory.putArray("attachedPolicies").addObject().put("policyArn", READ_ONLY);
        ObjectNode request = Json.mapper().createObjectNode().put("mode", mode);
        request.set("inventory", inventory);
        return request;
    }

    private void iamAcceptsTheRestOfTheRound() {
        doReturn(UpdateAccessKeyResponse.builder().build()).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));
        doReturn(DeleteAccessKeyResponse.builder().build()).when(iam).deleteAccessKey(any(DeleteAccessKeyRequest.class));
        doReturn(DeleteLoginProfileResponse.builder().build())
                .when(iam).deleteLoginProfile(any(DeleteLoginProfileRequest.class));
        doReturn(DetachUserPolicyResponse.builder().build()).when(iam).detachUserPolicy(any(DetachUserPolicyRequest.class));
    }

    private void iamSetsTheBoundary() {
        doReturn(PutUserPermissionsBoundaryResponse.builder().build())
                .when(iam).putUserPermissionsBoundary(any(PutUserPermissionsBoundaryRequest.class));
    }

    /** The ways IAM refuses AttachUserPolicy for good, as IAM words them. */
    static Stream<Arguments> refusalsForGood() {
        return Stream.of(
                Arguments.of("the quota of managed policies is full", (Supplier<AwsServiceException>)
                        SdkErrors::limitExceeded, "LimitExceeded: Cannot exceed quota for PoliciesPerUser: 10"),
                Arguments.of("an organization's SCP denies it", (Supplier<AwsServiceException>)
                        () -> SdkErrors.deniedByScp("AttachUserPolicy"),
                        "with an explicit deny in a service control policy"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusalsForGood")
    void whenIamRefusesTheManagedPolicyAwsDenyAllBecomesTheBoundaryInPlaceOfTheUsersOwn(
            String why, Supplier<AwsServiceException> refusal, String iamSaid) throws Exception {
        doThrow(refusal.get()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        iamSetsTheBoundary();
        iamAcceptsTheRestOfTheRound();

        JsonNode result = invoke(iam, clock, context, round("LOCK_OUT", BOUNDARY));

        assertEquals(List.of("attachUserPolicy", "putUserPermissionsBoundary", "updateAccessKey"),
                MockIam.operationsSent(iam), "the boundary before any deactivation");
        verify(iam).putUserPermissionsBoundary(PutUserPermissionsBoundaryRequest.builder().userName("bob")
                .permissionsBoundary(DENY_ALL).build());
        JsonNode deny = result.get("deny");
        assertEquals("PERMISSIONS_BOUNDARY", deny.get("how").asText());
        assertEquals(DENY_ALL, deny.get("policy").asText());
        assertEquals(NOW.toString(), deny.get("attachedAt").asText());
        assertFalse(deny.get("alreadyInPlace").asBoolean());
        assertEquals(BOUNDARY, deny.get("replacedBoundary").asText(), "the boundary a reinstate puts back");
        assertEquals(1, deny.get("refusals").size(), deny.toString());
        String refused = deny.get("refusals").get(0).asText();
        assertTrue(refused.startsWith("iam:AttachUserPolicy on bob/" + DENY_ALL) && refused.contains(iamSaid),
                refused);
        assertEquals(List.of("ACCESS_KEY " + KEY + " DEACTIVATED"), items(result));
    }

    @Test
    void aUserWithoutABoundaryHasNoneToPutBack() throws Exception {
        doThrow(SdkErrors.limitExceeded()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        iamSetsTheBoundary();
        iamAcceptsTheRestOfTheRound();

        JsonNode deny = invoke(iam, clock, context, round("LOCK_OUT", null)).get("deny");

        assertEquals("PERMISSIONS_BOUNDARY", deny.get("how").asText());
        assertFalse(deny.has("replacedBoundary"), deny.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOCK_OUT", "REMOVE"})
    void whenIamRefusesBothNothingIsChangedAndTheErrorNamesBothRefusalsAndTheFix(String mode) {
        doThrow(SdkErrors.limitExceeded()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        doThrow(SdkErrors.deniedByScp("PutUserPermissionsBoundary"))
                .when(iam).putUserPermissionsBoundary(any(PutUserPermissionsBoundaryRequest.class));
        iamAcceptsTheRestOfTheRound();

        DenyNotAttachedException e = assertThrows(DenyNotAttachedException.class,
                () -> invoke(iam, clock, context, round(mode, BOUNDARY)));

        assertEquals(List.of("attachUserPolicy", "putUserPermissionsBoundary"), MockIam.operationsSent(iam),
                "no other call: nothing was deactivated or removed");
        assertFalse(e.retryable(), "a retry meets the same refusals until someone fixes one of them");
        String message = e.getMessage();
        assertTrue(message.startsWith("Could not deny bob every action, so nothing was deactivated or removed: "),
                message);
        assertTrue(message.contains("iam:AttachUserPolicy on bob/" + DENY_ALL) && message.contains(
                "Cannot exceed quota for PoliciesPerUser: 10"), "the first refusal, with IAM's words: " + message);
        assertTrue(message.contains("iam:PutUserPermissionsBoundary on bob/" + DENY_ALL) && message.contains(
                "with an explicit deny in a service control policy"), "the second: " + message);
        assertTrue(message.contains("detach one of bob's managed policies"), "how to free the quota: " + message);
        assertTrue(message.contains("iam:AttachUserPolicy / iam:PutUserPermissionsBoundary")
                && message.contains("organization SCPs included"), "or what to allow, and where: " + message);
        assertTrue(message.endsWith("Already done in this round: nothing."), message);
    }

    @Test
    void aRefusalOfTheBoundaryForAnotherReasonIsNotHiddenBehindTheFirst() {
        doThrow(SdkErrors.limitExceeded()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        doThrow(SdkErrors.throttling())
                .when(iam).putUserPermissionsBoundary(any(PutUserPermissionsBoundaryRequest.class));
        iamAcceptsTheRestOfTheRound();

        IamRetryableException e = assertThrows(IamRetryableException.class,
                () -> invoke(iam, clock, context, round("LOCK_OUT", BOUNDARY)));

        assertTrue(e.getMessage().startsWith("iam:PutUserPermissionsBoundary on bob/" + DENY_ALL), e.getMessage());
        assertEquals(List.of("attachUserPolicy", "putUserPermissionsBoundary"), MockIam.operationsSent(iam));
    }

    /** IAM's answers to AttachUserPolicy that a retry may get past: not refusals, so not a reason for the boundary. */
    static Stream<Arguments> passingFailures() {
        return Stream.of(
                Arguments.of("Throttling", (Supplier<AwsServiceException>) SdkErrors::throttling),
                Arguments.of("ServiceFailure (500)", (Supplier<AwsServiceException>) SdkErrors::serviceFailure));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("passingFailures")
    void aPassingFailureOfTheAttachSurfacesRetryableAndNothingAfterItRuns(String answer,
                                                                          Supplier<AwsServiceException> failure) {
        doThrow(failure.get()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        iamSetsTheBoundary();
        iamAcceptsTheRestOfTheRound();

        IamRetryableException e = assertThrows(IamRetryableException.class,
                () -> invoke(iam, clock, context, round("REMOVE", BOUNDARY)));

        assertTrue(e.retryable());
        assertEquals(List.of("attachUserPolicy"), MockIam.operationsSent(iam),
                "neither the boundary nor any deactivation or removal");
        assertTrue(e.getMessage().endsWith("Already done in this round: nothing."), e.getMessage());
    }

    /**
     * A user deleted since its inventory was taken: IAM answers NoSuchEntity to the deny, so there is nothing to deny
     * and nothing was attached; each item is then found already absent, and the answer's deny is null (present, for
     * the workflow's ResultSelector).
     */
    @Test
    void aUserThatIsGoneIsNotDeniedAndEachOfItsItemsIsAlreadyAbsent() throws Exception {
        IamSimulator empty = new IamSimulator(new MutableClock(NOW));
        ObjectNode lockOut = round("LOCK_OUT", BOUNDARY);

        JsonNode lockedOut = invoke(empty, clock, context, lockOut);

        assertTrue(lockedOut.has("deny") && lockedOut.get("deny").isNull(), lockedOut.toString());
        assertEquals(List.of("ACCESS_KEY " + KEY + " ALREADY_ABSENT"), items(lockedOut));
        assertEquals("NoSuchEntity", empty.calls().all().get(0).outcome(), empty.calls().all().toString());
        assertEquals("AttachUserPolicy", empty.calls().all().get(0).operation());

        JsonNode removed = invoke(empty, clock, context, round("REMOVE", BOUNDARY));

        assertTrue(removed.get("deny").isNull(), removed.toString());
        assertEquals(List.of("LOGIN_PROFILE bob ALREADY_ABSENT", "ACCESS_KEY " + KEY + " ALREADY_ABSENT",
                "ATTACHED_POLICY " + READ_ONLY + " ALREADY_ABSENT"), items(removed), "and no deny to lift");
        assertEquals(0, empty.calls().count("PutUserPermissionsBoundary"), "a gone user is no refusal");
    }

    @Test
    void aUserGoneAfterTheQuotaRefusalIsNotDeniedEither() throws Exception {
        doThrow(SdkErrors.limitExceeded()).when(iam).attachUserPolicy(any(AttachUserPolicyRequest.class));
        doThrow(SdkErrors.noSuchEntity("The user with name bob cannot be found."))
                .when(iam).putUserPermissionsBoundary(any(PutUserPermissionsBoundaryRequest.class));
        doAnswer(invocation -> {
            throw SdkErrors.noSuchEntity("The user with name bob cannot be found.");
        }).when(iam).updateAccessKey(any(UpdateAccessKeyRequest.class));

        JsonNode result = invoke(iam, clock, context, round("LOCK_OUT", BOUNDARY));

        assertTrue(result.get("deny").isNull(), result.toString());
        assertEquals(List.of("ACCESS_KEY " + KEY + " ALREADY_ABSENT"), items(result));
    }
}
