package dev.offboarding.iam;

import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.model.AccessKey;
import dev.offboarding.model.GroupMembership;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.ServiceSpecificCredential;
import dev.offboarding.model.SshPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.IamRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsRequest;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysRequest;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/** Every list call of the gateway reads every page IAM has, and no more than a bounded number of them. */
class IamGatewayListsUnitTest {
    private static final String USER = "bob";
    private static final Instant T = Instant.parse("2026-01-15T10:00:00Z");

    /** Builds one page of a list answer holding the given ids. */
    interface PageBuilder<P> {
        P page(List<String> ids, Boolean truncated, String marker);
    }

    /**
     * One IAM list operation: how to send it on the mock (used both to stub and to verify), how IAM answers a page
     * of it, how the gateway reads it (as the ids it returns), and which fields of its request matter.
     */
    record ListCall<Q extends IamRequest, P>(
            String action,
            Class<Q> requestType,
            BiFunction<IamClient, Q, P> send,
            PageBuilder<P> pages,
            Function<IamGateway, List<String>> read,
            Function<Q, String> userName,
            Function<Q, String> marker,
            Function<Q, Integer> maxItems) {

        @Override
        public String toString() {
            return action;
        }
    }

    static Stream<ListCall<?, ?>> listCalls() {
        return Stream.of(
                new ListCall<ListAccessKeysRequest, ListAccessKeysResponse>("ListAccessKeys",
                        ListAccessKeysRequest.class, IamClient::listAccessKeys,
                        (ids, truncated, marker) -> ListAccessKeysResponse.builder()
                                .accessKeyMetadata(ids.stream().map(id -> AccessKeyMetadata.builder().userName(USER)
                                        .accessKeyId(id).status(StatusType.ACTIVE).createDate(T).build()).toList())
                                .isTruncated(truncated).marker(marker).build(),
                        g -> g.accessKeys(USER).stream().map(AccessKey::accessKeyId).toList(),
                        ListAccessKeysRequest::userName, ListAccessKeysRequest::marker,
                        ListAccessKeysRequest::maxItems),
                new ListCall<ListSigningCertificatesRequest, ListSigningCertificatesResponse>(
                        "ListSigningCertificates", ListSigningCertificatesRequest.class,
                        IamClient::listSigningCertificates,
                        (ids, truncated, marker) -> ListSigningCertificatesResponse.builder()
                                .certificates(ids.stream().map(id -> software.amazon.awssdk.services.iam.model
                                        .SigningCertificate.builder().userName(USER).certificateId(id)
                                        .certificateBody("-----BEGIN CERTIFICATE-----").status(StatusType.ACTIVE)
                                        .uploadDate(T).build()).toList())
                                .isTruncated(truncated).marker(marker).build(),
                        g -> g.signingCertificates(USER).stream()
                                .map(dev.offboarding.model.SigningCertificate::certificateId).toList(),
                        ListSigningCertificatesRequest::userName, ListSigningCertificatesRequest::marker,
                        ListSigningCertificatesRequest::maxItems),
                new ListCall<ListSshPublicKeysRequest, ListSshPublicKeysResponse>("ListSSHPublicKeys",
                        ListSshPublicKeysRequest.class, IamClient::listSSHPublicKeys,
                        (ids, truncated, marker) -> ListSshPublicKeysResponse.builder()
                                .sshPublicKeys(ids.stream().map(id -> SSHPublicKeyMetadata.builder().userName(USER)
                                        .sshPublicKeyId(id).status(StatusType.ACTIVE).uploadDate(T).build()).toList())
                                .isTruncated(truncated).marker(marker).build(),
                        g -> g.sshPublicKeys(USER).stream().map(SshPublicKey::sshPublicKeyId).toList(),
                        ListSshPublicKeysRequest::userName, ListSshPublicKeysRequest::marker,
                        ListSshPublicKeysRequest::maxItems),
                new ListCall<ListServiceSpecificCredentialsRequest, ListServiceSpecificCredentialsResponse>(
                        "ListServiceSpecificCredentials", ListServiceSpecificCredentialsRequest.class,
                        IamClient::listServiceSpecificCredentials,
                        (ids, truncated, marker) -> ListServiceSpecificCredentialsResponse.builder()
                                .serviceSpecificCredentials(ids.stream().map(id -> ServiceSpecificCredentialMetadata
                                        .builder().userName(USER).serviceSpecificCredentialId(id)
                                        .serviceName("codecommit.amazonaws.com").serviceUserName("bob-at-123456789012")
                                        .status(StatusType.ACTIVE).createDate(T).build()).toList())
                                .isTruncated(truncated).marker(marker).build(),
                        g -> g.serviceSpecificCredentials(USER).stream()
                                .map(ServiceSpecificCredential::serviceSpecificCredentialId).toList(),
                        ListServiceSpecificCredentialsRequest::userName, ListServiceSpecificCredentialsRequest::marker,
                        ListServiceSpecificCredentialsRequest::maxItems),
                new ListCall<ListMfaDevicesRequest, ListMfaDevicesResponse>("ListMFADevices",
                        ListMfaDevicesRequest.class, IamClient::listMFADevices,
                        (ids, truncated, marker) -> ListMfaDevicesResponse.builder()
                                .mfaDevices(ids.stream().map(id -> MFADevice.builder().userName(USER)
                                        .serialNumber(id).enableDate(T).build()).toList())
                                .isTruncated(truncated).marker(marker).build(),
                        g -> g.mfaDevices(USER).stream().map(MfaDevice::serialNumber).toList(),
                        ListMfaDevicesRequest::userName, ListMfaDevicesRequest::marker,
                        ListMfaDevicesRequest::maxItems),
                new ListCall<ListUserPoliciesRequest, ListUserPoliciesResponse>("ListUserPolicies",
                        ListUserPoliciesRequest.class, IamClient::listUserPolicies,
                        (ids, truncated, marker) -> ListUserPoliciesResponse.builder().policyNames(ids)
                                .isTruncated(truncated).marker(marker).build(),
                        g -> g.inlinePolicyNames(USER),
                        ListUserPoliciesRequest::userName, ListUserPoliciesRequest::marker,
                        ListUserPoliciesRequest::maxItems),
                new ListCall<ListAttachedUserPoliciesRequest, ListAttachedUserPoliciesResponse>(
                        "ListAttachedUserPolicies", ListAttachedUserPoliciesRequest.class,
                        IamClient::listAttachedUserPolicies,
                        (ids, truncated, marker) -> ListAttachedUserPoliciesResponse.builder()
                                .attachedPolicies(ids.stream().map(id -> AttachedPolicy.builder().policyName(id)
                                        .policyArn("arn:aws:iam::aws:policy/" + id).build()).toList())
                                .isTruncated(truncated).marker(marker).build(),
                        g -> g.attachedPolicies(USER).stream().map(dev.offboarding.model.AttachedPolicy::policyName)
                                .toList(),
                        ListAttachedUserPoliciesRequest::userName, ListAttachedUserPoliciesRequest::marker,
                        ListAttachedUserPoliciesRequest::maxItems),
                new ListCall<ListGroupsForUserRequest, ListGroupsForUserResponse>("ListGroupsForUser",
                        ListGroupsForUserRequest.class, IamClient::listGroupsForUser,
                        (ids, truncated, marker) -> ListGroupsForUserResponse.builder()
                                .groups(ids.stream().map(id -> Group.builder().groupName(id).groupId("AGPA" + id)
                                        .arn("arn:aws:iam::123456789012:group/" + id).path("/").createDate(T).build())
                                        .toList())
                                .isTruncated(truncated).marker(marker).build(),
                        g -> g.groups(USER).stream().map(GroupMembership::groupName).toList(),
                        ListGroupsForUserRequest::userName, ListGroupsForUserRequest::marker,
                        ListGroupsForUserRequest::maxItems));
    }

    private final IamClient iam = MockIam.iamClient();
    private final IamGateway gateway = new IamGateway(iam);

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCalls")
    <Q extends IamRequest, P> void followsIsTruncatedAndPassesEachMarkerOnUntilTheLastPage(ListCall<Q, P> call) {
        Map<String, P> pageAfter = new java.util.HashMap<>();
        pageAfter.put(null, call.pages().page(List.of("first-1", "first-2"), true, "marker-1"));
        pageAfter.put("marker-1", call.pages().page(List.of("second-1"), true, "marker-2"));
        pageAfter.put("marker-2", call.pages().page(List.of("third-1"), false, null));
        call.send().apply(doAnswer(invocation -> pageAfter.get(call.marker().apply(invocation.getArgument(0))))
                .when(iam), any(call.requestType()));

        List<String> read = call.read().apply(gateway);

        assertEquals(List.of("first-1", "first-2", "second-1", "third-1"), read);
        ArgumentCaptor<Q> sent = ArgumentCaptor.forClass(call.requestType());
        call.send().apply(verify(iam, times(3)), sent.capture());
        assertEquals(java.util.Arrays.asList(null, "marker-1", "marker-2"),
                sent.getAllValues().stream().map(call.marker()).toList(), "the marker of each page is passed on");
        sent.getAllValues().forEach(request -> {
            assertEquals(USER, call.userName().apply(request), "only the user's own list is read");
            assertEquals(1000, call.maxItems().apply(request), "pages are as large as IAM allows");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCalls")
    <Q extends IamRequest, P> void aSinglePageWithoutIsTruncatedIsTheWholeList(ListCall<Q, P> call) {
        call.send().apply(doReturn(call.pages().page(List.of("only"), null, null)).when(iam), any(call.requestType()));

        assertEquals(List.of("only"), call.read().apply(gateway));
        call.send().apply(verify(iam, times(1)), any(call.requestType()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCalls")
    <Q extends IamRequest, P> void isTruncatedWithoutAMarkerEndsTheListInsteadOfRereadingTheFirstPage(
            ListCall<Q, P> call) {
        call.send().apply(doReturn(call.pages().page(List.of("only"), true, null)).when(iam), any(call.requestType()));

        assertEquals(List.of("only"), call.read().apply(gateway));
        call.send().apply(verify(iam, times(1)), any(call.requestType()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCalls")
    <Q extends IamRequest, P> void aMarkerThatNeverEndsStopsAtThePageBoundWithATypedFailure(ListCall<Q, P> call) {
        call.send().apply(doReturn(call.pages().page(List.of("again"), true, "same-marker-forever")).when(iam),
                any(call.requestType()));

        IamRequestFailedException e = assertThrows(IamRequestFailedException.class, () -> call.read().apply(gateway));

        call.send().apply(verify(iam, times(BoundedPages.MAX_PAGES)), any(call.requestType()));
        assertTrue(e.getMessage().contains("iam:" + call.action()), e.getMessage());
        assertTrue(e.getMessage().contains(USER), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCalls")
    <Q extends IamRequest, P> void aListOfAUserThatVanishedMeanwhileIsEmpty(ListCall<Q, P> call) {
        call.send().apply(doThrow(SdkErrors.noSuchEntity("The user with name bob cannot be found.")).when(iam),
                any(call.requestType()));

        assertEquals(List.of(), call.read().apply(gateway));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCalls")
    <Q extends IamRequest, P> void aDeniedListNamesTheIamActionToGrant(ListCall<Q, P> call) {
        call.send().apply(doThrow(SdkErrors.accessDenied(call.action())).when(iam), any(call.requestType()));

        IamAccessDeniedException e = assertThrows(IamAccessDeniedException.class, () -> call.read().apply(gateway));

        assertTrue(e.getMessage().contains("the function's role lacks iam:" + call.action()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCalls")
    <Q extends IamRequest, P> void throttlingOnASecondPageIsRetryableNotAShortList(ListCall<Q, P> call) {
        Map<String, P> pageAfter = new java.util.HashMap<>();
        pageAfter.put(null, call.pages().page(List.of("first-1"), true, "marker-1"));
        call.send().apply(doAnswer(invocation -> {
            String marker = call.marker().apply(invocation.getArgument(0));
            if (marker == null) {
                return pageAfter.get(null);
            }
            throw SdkErrors.throttling();
        }).when(iam), any(call.requestType()));

        assertThrows(IamRetryableException.class, () -> call.read().apply(gateway));
    }
}
