package dev.offboarding.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.model.CredentialReportAnswer;
import dev.offboarding.model.ListedUser;
import dev.offboarding.model.Tag;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.User;

/**
 * What a fleet selection reads of an account: the user count of GetAccountSummary, every page of ListUsers under a
 * path prefix and of a user's tags, and the credential report or why there is none. Failures keep the contract.
 */
class TheAccountIsReadForASelectionAsIamAnswersUnitTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private final IamClient iam = MockIam.iamClient();
    private final IamGateway gateway = new IamGateway(iam);

    @Test
    void listUsersSendsThePathPrefixAndReadsEveryPage() {
        List<ListUsersRequest> sent = new ArrayList<>();
        doAnswer(call -> {
            ListUsersRequest request = call.getArgument(0);
            sent.add(request);
            return request.marker() == null
                    ? ListUsersResponse.builder().users(user("alice")).isTruncated(true).marker("m1").build()
                    : ListUsersResponse.builder().users(user("bob")).isTruncated(false).build();
        }).when(iam).listUsers(any(ListUsersRequest.class));

        assertEquals(List.of(new ListedUser("alice", "/contractors/", "arn:aws:iam::123456789012:user/contractors/alice",
                CREATED), new ListedUser("bob", "/contractors/", "arn:aws:iam::123456789012:user/contractors/bob",
                CREATED)), gateway.users("/contractors/"));
        assertEquals(List.of("/contractors/", "/contractors/"), sent.stream().map(ListUsersRequest::pathPrefix).toList());
        assertEquals(1000, sent.get(0).maxItems());
        assertEquals("m1", sent.get(1).marker());
    }

    @Test
    void listUsersWithoutAPrefixSendsNone() {
        List<ListUsersRequest> sent = new ArrayList<>();
        doAnswer(call -> {
            sent.add(call.getArgument(0));
            return ListUsersResponse.builder().isTruncated(false).build();
        }).when(iam).listUsers(any(ListUsersRequest.class));

        assertEquals(List.of(), gateway.users(null));
        assertEquals(null, sent.get(0).pathPrefix());
    }

    @Test
    void aListOfUsersThatNeverEndsIsRefused() {
        doReturn(ListUsersResponse.builder().users(user("alice")).isTruncated(true).marker("again").build())
                .when(iam).listUsers(any(ListUsersRequest.class));

        IamRequestFailedException refused = assertThrows(IamRequestFailedException.class, () -> gateway.users(null));

        assertTrue(refused.getMessage().contains("more than 100 pages; refusing to read on (more users than a"
                + " selection reads)"), refused.getMessage());
    }

    @Test
    void aThrottledListOfUsersIsRetryableAndADeniedOneIsDenied() {
        doThrow(SdkErrors.throttling()).when(iam).listUsers(any(ListUsersRequest.class));
        assertThrows(IamRetryableException.class, () -> gateway.users(null));

        doThrow(SdkErrors.accessDenied("ListUsers")).when(iam).listUsers(any(ListUsersRequest.class));
        IamAccessDeniedException denied = assertThrows(IamAccessDeniedException.class, () -> gateway.users(null));
        assertTrue(denied.getMessage().contains("grant the function's role iam:ListUsers"), denied.getMessage());
    }

    @Test
    void aUsersTagsAreReadPageByPageAndAGoneUserHasNone() {
        doAnswer(call -> {
            ListUserTagsRequest request = call.getArgument(0);
            return request.marker() == null
                    ? ListUserTagsResponse.builder().tags(t -> t.key("team").value("payments")).isTruncated(true)
                    .marker("m").build()
                    : ListUserTagsResponse.builder().tags(t -> t.key("kind").value("contractor")).build();
        }).when(iam).listUserTags(any(ListUserTagsRequest.class));
        assertEquals(List.of(new Tag("team", "payments"), new Tag("kind", "contractor")), gateway.userTags("alice"));

        doThrow(SdkErrors.noSuchEntity("The user with name alice cannot be found.")).when(iam)
                .listUserTags(any(ListUserTagsRequest.class));
        assertEquals(List.of(), gateway.userTags("alice"));
    }

    @Test
    void theAccountSummaryGivesTheNumberOfUsers() {
        doReturn(GetAccountSummaryResponse.builder().summaryMapWithStrings(Map.of("Users", 120, "Groups", 4)).build())
                .when(iam).getAccountSummary(any(GetAccountSummaryRequest.class));
        assertEquals(OptionalInt.of(120), gateway.accountUserCount());

        doReturn(GetAccountSummaryResponse.builder().summaryMapWithStrings(Map.of("Groups", 4)).build())
                .when(iam).getAccountSummary(any(GetAccountSummaryRequest.class));
        assertEquals(OptionalInt.empty(), gateway.accountUserCount());
    }

    @Test
    void theCredentialReportIsItsTimeAndItsCsvText() {
        doReturn(GetCredentialReportResponse.builder().generatedTime(CREATED).reportFormat("text/csv")
                .content(SdkBytes.fromUtf8String("user,arn\n")).build())
                .when(iam).getCredentialReport(any(GetCredentialReportRequest.class));

        assertEquals(CredentialReportAnswer.ready(CREATED, "user,arn\n"), gateway.credentialReport());
    }

    @Test
    void noReportAnExpiredOneOrOneBeingWrittenIsSaidAsSuch() {
        doThrow(CredentialReportNotPresentException.builder().statusCode(410)
                .awsErrorDetails(SdkErrors.details("ReportNotPresent", "not present")).build())
                .when(iam).getCredentialReport(any(GetCredentialReportRequest.class));
        assertEquals(CredentialReportAnswer.State.NOT_PRESENT, gateway.credentialReport().state());

        doThrow(CredentialReportExpiredException.builder().statusCode(410)
                .awsErrorDetails(SdkErrors.details("ReportExpired", "expired")).build())
                .when(iam).getCredentialReport(any(GetCredentialReportRequest.class));
        assertEquals(CredentialReportAnswer.State.EXPIRED, gateway.credentialReport().state());

        doThrow(CredentialReportNotReadyException.builder().statusCode(404)
                .awsErrorDetails(SdkErrors.details("ReportInProgress", "in progress")).build())
                .when(iam).getCredentialReport(any(GetCredentialReportRequest.class));
        assertEquals(CredentialReportAnswer.State.IN_PROGRESS, gateway.credentialReport().state());

        doThrow(SdkErrors.accessDenied("GetCredentialReport")).when(iam)
                .getCredentialReport(any(GetCredentialReportRequest.class));
        assertThrows(IamAccessDeniedException.class, gateway::credentialReport);
    }

    @Test
    void generatingTheReportAnswersItsState() {
        doReturn(GenerateCredentialReportResponse.builder().state(ReportStateType.STARTED).build())
                .when(iam).generateCredentialReport(any(GenerateCredentialReportRequest.class));

        assertEquals("STARTED", gateway.generateCredentialReport());
    }

    private static User user(String name) {
        return User.builder().userName(name).path("/contractors/").userId("AIDA" + name.toUpperCase())
                .arn("arn:aws:iam::123456789012:user/contractors/" + name).createDate(CREATED).build();
    }
}
