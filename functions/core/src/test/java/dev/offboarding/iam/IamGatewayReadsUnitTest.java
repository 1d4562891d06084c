package dev.offboarding.iam;

import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.model.AccessKeyLastUse;
import dev.offboarding.model.LoginProfile;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.ServiceSpecificCredential;
import dev.offboarding.model.Tag;
import dev.offboarding.model.UserDetails;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsRequest;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;

/** What the gateway reads from IAM, what it sends to read it, and how an absent thing reads. */
class IamGatewayReadsUnitTest {
    private static final Instant CREATED = Instant.parse("2024-03-01T09:30:00Z");
    private static final Instant USED = Instant.parse("2026-01-10T08:00:00Z");

    private final IamClient iam = MockIam.iamClient();
    private final IamGateway gateway = new IamGateway(iam);

    @Test
    void getUserReadsTheUsersDetailsTagsAndBoundaryForTheNamedUserOnly() {
        doReturn(GetUserResponse.builder().user(User.builder()
                .userName("bob").userId("AIDAJQABLZS4A3QDU576Q").arn("arn:aws:iam::123456789012:user/staff/bob")
                .path("/staff/").createDate(CREATED).passwordLastUsed(USED)
                .permissionsBoundary(AttachedPermissionsBoundary.builder()
                        .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                        .permissionsBoundaryArn("arn:aws:iam::123456789012:policy/boundary").build())
                .tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("team").value("data").build())
                .build()).build()).when(iam).getUser(any(GetUserRequest.class));

        UserDetails user = gateway.user("bob").orElseThrow();

        ArgumentCaptor<GetUserRequest> sent = ArgumentCaptor.forClass(GetUserRequest.class);
        verify(iam).getUser(sent.capture());
        assertEquals("bob", sent.getValue().userName(), "GetUser without a user name would read the caller");
        assertEquals("arn:aws:iam::123456789012:user/staff/bob", user.arn());
        assertEquals("AIDAJQABLZS4A3QDU576Q", user.userId());
        assertEquals("/staff/", user.path());
        assertEquals(CREATED, user.createDate());
        assertEquals(USED, user.passwordLastUsed());
        assertEquals("arn:aws:iam::123456789012:policy/boundary", user.permissionsBoundary());
        assertEquals(List.of(new Tag("team", "data")), user.tags());
    }

    @Test
    void getUserOfAUserWithoutBoundaryOrTagsReadsThemAsAbsent() {
        doReturn(GetUserResponse.builder().user(User.builder().userName("bob").userId("AIDA1")
                .arn("arn:aws:iam::123456789012:user/bob").path("/").createDate(CREATED).build()).build())
                .when(iam).getUser(any(GetUserRequest.class));

        UserDetails user = gateway.user("bob").orElseThrow();

        assertNull(user.permissionsBoundary());
        assertNull(user.passwordLastUsed(), "a password never used has no last use");
        assertEquals(List.of(), user.tags());
    }

    @Test
    void noSuchEntityOnGetUserMeansTheUserDoesNotExist() {
        doThrow(SdkErrors.noSuchEntity("The user with name bob cannot be found."))
                .when(iam).getUser(any(GetUserRequest.class));

        assertEquals(Optional.empty(), gateway.user("bob"));
    }

    @Test
    void throttlingOnGetUserIsRetryableNotAMissingUser() {
        doThrow(SdkErrors.throttling()).when(iam).getUser(any(GetUserRequest.class));

        assertThrows(IamRetryableException.class, () -> gateway.user("bob"));
    }

    @Test
    void aDeniedGetUserIsNotReadAsAMissingUser() {
        doThrow(SdkErrors.accessDenied("GetUser")).when(iam).getUser(any(GetUserRequest.class));

        IamAccessDeniedException e = assertThrows(IamAccessDeniedException.class, () -> gateway.user("bob"));
        assertTrue(e.getMessage().contains("iam:GetUser"), e.getMessage());
    }

    @Test
    void theLoginProfileIsReadWithItsCreationAndResetFlag() {
        doReturn(GetLoginProfileResponse.builder().loginProfile(
                software.amazon.awssdk.services.iam.model.LoginProfile.builder().userName("bob").createDate(CREATED)
                        .passwordResetRequired(true).build()).build())
                .when(iam).getLoginProfile(any(GetLoginProfileRequest.class));

        LoginProfile profile = gateway.loginProfile("bob").orElseThrow();

        ArgumentCaptor<GetLoginProfileRequest> sent = ArgumentCaptor.forClass(GetLoginProfileRequest.class);
        verify(iam).getLoginProfile(sent.capture());
        assertEquals("bob", sent.getValue().userName());
        assertEquals(new LoginProfile(CREATED, true), profile);
    }

    @Test
    void noSuchEntityOnGetLoginProfileMeansTheUserHasNoConsolePassword() {
        doThrow(SdkErrors.noSuchEntity("Login Profile for User bob cannot be found."))
                .when(iam).getLoginProfile(any(GetLoginProfileRequest.class));

        assertEquals(Optional.empty(), gateway.loginProfile("bob"));
    }

    @Test
    void anAccessKeysLastUseIsAskedForByKeyIdAndReadWithServiceAndRegion() {
        doReturn(GetAccessKeyLastUsedResponse.builder().userName("bob").accessKeyLastUsed(AccessKeyLastUsed.builder()
                .lastUsedDate(USED).serviceName("s3").region("eu-west-1").build()).build())
                .when(iam).getAccessKeyLastUsed(any(GetAccessKeyLastUsedRequest.class));

        AccessKeyLastUse use = gateway.accessKeyLastUsed("AKIAIOSFODNN7EXAMPLE");

        ArgumentCaptor<GetAccessKeyLastUsedRequest> sent = ArgumentCaptor.forClass(GetAccessKeyLastUsedRequest.class);
        verify(iam).getAccessKeyLastUsed(sent.capture());
        assertEquals("AKIAIOSFODNN7EXAMPLE", sent.getValue().accessKeyId());
        assertEquals(new AccessKeyLastUse(USED, "s3", "eu-west-1"), use);
    }

    @Test
    void aKeyNeverUsedHasNoLastUseDateAndIamsNotApplicableServiceAndRegion() {
        doReturn(GetAccessKeyLastUsedResponse.builder().userName("bob").accessKeyLastUsed(AccessKeyLastUsed.builder()
                .serviceName("N/A").region("N/A").build()).build())
                .when(iam).getAccessKeyLastUsed(any(GetAccessKeyLastUsedRequest.class));

        assertEquals(new AccessKeyLastUse(null, "N/A", "N/A"), gateway.accessKeyLastUsed("AKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void serviceSpecificCredentialsOfEveryServiceAreListedWithoutAServiceFilter() {
        doReturn(ListServiceSpecificCredentialsResponse.builder().serviceSpecificCredentials(
                ServiceSpecificCredentialMetadata.builder().userName("bob").serviceSpecificCredentialId("ACCA1")
                        .serviceName("codecommit.amazonaws.com").serviceUserName("bob-at-123456789012")
                        .status(StatusType.ACTIVE).createDate(CREATED).build(),
                ServiceSpecificCredentialMetadata.builder().userName("bob").serviceSpecificCredentialId("ACCA2")
                        .serviceName("bedrock.amazonaws.com").serviceUserName("bob+1-at-123456789012")
                        .status(StatusType.INACTIVE).createDate(CREATED).expirationDate(USED).build())
                .isTruncated(false).build())
                .when(iam).listServiceSpecificCredentials(any(ListServiceSpecificCredentialsRequest.class));

        List<ServiceSpecificCredential> credentials = gateway.serviceSpecificCredentials("bob");

        ArgumentCaptor<ListServiceSpecificCredentialsRequest> sent =
                ArgumentCaptor.forClass(ListServiceSpecificCredentialsRequest.class);
        verify(iam).listServiceSpecificCredentials(sent.capture());
        assertNull(sent.getValue().serviceName(), "a service filter would hide the other services' credentials");
        assertNull(sent.getValue().allUsers(), "only this user's credentials, not the account's");
        assertEquals("bob", sent.getValue().userName());
        assertEquals(List.of(
                new ServiceSpecificCredential("ACCA1", "codecommit.amazonaws.com", "bob-at-123456789012", "Active",
                        CREATED, null),
                new ServiceSpecificCredential("ACCA2", "bedrock.amazonaws.com", "bob+1-at-123456789012", "Inactive",
                        CREATED, USED)), credentials);
    }

    @ParameterizedTest(name = "{0} is virtual: {1}")
    @CsvSource({
        "arn:aws:iam::123456789012:mfa/bob, true",
        "arn:aws:iam::123456789012:mfa/staff/bob-phone, true",
        "arn:aws-cn:iam::123456789012:mfa/bob, true",
        "arn:aws-us-gov:iam::123456789012:mfa/bob, true",
        "GAHT12345678, false",
        "arn:aws:iam::123456789012:u2f/user/bob/key-ABC, false",
    })
    void mfaDevicesAreClassifiedVirtualOnlyByAVirtualDeviceArn(String serial, boolean virtual) {
        doReturn(ListMfaDevicesResponse.builder().mfaDevices(MFADevice.builder().userName("bob")
                .serialNumber(serial).enableDate(CREATED).build()).isTruncated(false).build())
                .when(iam).listMFADevices(any(ListMfaDevicesRequest.class));

        List<MfaDevice> devices = gateway.mfaDevices("bob");

        assertEquals(List.of(new MfaDevice(serial, CREATED)), devices);
        assertEquals(virtual, devices.get(0).virtual());
    }

    @Test
    void aSerialThatMerelyContainsMfaIsNotAVirtualDevice() {
        assertFalse(MfaDevice.isVirtualSerial("GAHT:mfa/12345678"), "a virtual device's serial is an ARN");
        assertFalse(MfaDevice.isVirtualSerial(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // RFC 3986 encoding as IAM returns it: spaces are %20.
        "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
                + "%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22*%22%7D%5D%7D"
                + "|{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"}]}",
        "%7B%22Sid%22%3A%20%22a%20b%22%7D|{\"Sid\": \"a b\"}",
        // A literal '+' is a plus, not a space, in RFC 3986.
        "%7B%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Abucket%2Fa+b%22%7D|{\"Resource\":\"arn:aws:s3:::bucket/a+b\"}",
        "%7B%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Abucket%2Fc%2Bd%22%7D|{\"Resource\":\"arn:aws:s3:::bucket/c+d\"}",
        "%7B%22Sid%22%3A%22caf%C3%A9%22%7D|{\"Sid\":\"café\"}",
        "%7B%22Sid%22%3A%22100%25%22%7D|{\"Sid\":\"100%\"}",
    })
    void anInlinePolicyDocumentIsDecodedFromIamsUrlEncoding(String encoded, String decoded) {
        doReturn(GetUserPolicyResponse.builder().userName("bob").policyName("s3-read").policyDocument(encoded).build())
                .when(iam).getUserPolicy(any(GetUserPolicyRequest.class));

        assertEquals(Optional.of(decoded), gateway.inlinePolicyDocument("bob", "s3-read"));

        ArgumentCaptor<GetUserPolicyRequest> sent = ArgumentCaptor.forClass(GetUserPolicyRequest.class);
        verify(iam).getUserPolicy(sent.capture());
        assertEquals("bob", sent.getValue().userName());
        assertEquals("s3-read", sent.getValue().policyName());
    }

    @Test
    void anInlinePolicyDeletedMeanwhileReadsAsAbsent() {
        doThrow(SdkErrors.noSuchEntity("The user policy with name s3-read cannot be found."))
                .when(iam).getUserPolicy(any(GetUserPolicyRequest.class));

        assertEquals(Optional.empty(), gateway.inlinePolicyDocument("bob", "s3-read"));
    }

    @Test
    void aFailedReadOfAnInlinePolicyNamesThePolicyAndKeepsIamsAnswer() {
        var error = SdkErrors.validationError();
        doThrow(error).when(iam).getUserPolicy(any(GetUserPolicyRequest.class));

        IamRequestFailedException e = assertThrows(IamRequestFailedException.class,
                () -> gateway.inlinePolicyDocument("bob", "s3-read"));

        assertTrue(e.getMessage().contains("iam:GetUserPolicy on bob/s3-read"), e.getMessage());
        assertTrue(e.getMessage().contains("ValidationError"), e.getMessage());
        assertSame(error, e.getCause());
    }
}
