package dev.offboarding.deleteuser;

import dev.offboarding.testing.LoggedEvents;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.OffboardingException;
import dev.offboarding.errors.UserDeleteConflictException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserResponse;

/** delete-user: one DeleteUser call; a DeleteConflict is raised by its own class name for the workflow to retry. */
class DeleteUserHandlerUnitTest {
    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private final IamClient iam = MockIam.iamClient();
    private final LocalContext context = new LocalContext("delete-user");

    private JsonNode invoke(String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DeleteUserHandler(new IamGateway(iam), Clock.fixed(NOW, ZoneOffset.UTC))
                .handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void aDeletedUserIsDeletedWithTheAttemptEchoed() throws Exception {
        doReturn(DeleteUserResponse.builder().build()).when(iam).deleteUser(any(DeleteUserRequest.class));

        JsonNode result = invoke("{\"userName\": \"bob\", \"attempt\": 2}");

        assertEquals("bob", result.get("userName").asText());
        assertEquals("DELETED", result.get("outcome").asText());
        assertEquals(2, result.get("attempt").asInt());
        assertEquals("2026-01-15T10:00:00Z", result.get("at").asText());
        ArgumentCaptor<DeleteUserRequest> sent = ArgumentCaptor.forClass(DeleteUserRequest.class);
        verify(iam, times(1)).deleteUser(sent.capture());
        assertEquals("bob", sent.getValue().userName());
        assertEquals(List.of("deleteUser"), MockIam.operationsSent(iam), "one DeleteUser call and nothing else");
        assertEquals(List.of("{\"event\":\"delete-user-answered\",\"execution\":null,\"userName\":\"bob\","
                + "\"attempt\":2,\"outcome\":\"DELETED\"}"), LoggedEvents.of(context));
    }

    @Test
    void withoutAnAttemptTheFirstTryIsZero() throws Exception {
        doReturn(DeleteUserResponse.builder().build()).when(iam).deleteUser(any(DeleteUserRequest.class));

        assertEquals(0, invoke("{\"userName\": \"bob\"}").get("attempt").asInt());
    }

    @Test
    void aUserAlreadyGoneIsAlreadyAbsent() throws Exception {
        doThrow(SdkErrors.noSuchEntity("The user with name bob cannot be found."))
                .when(iam).deleteUser(any(DeleteUserRequest.class));

        JsonNode result = invoke("{\"userName\": \"bob\", \"attempt\": 1}");

        assertEquals("ALREADY_ABSENT", result.get("outcome").asText());
        assertEquals(1, result.get("attempt").asInt());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "Cannot delete entity, must delete login profile first.|login profile",
        "Cannot delete entity, must remove tokens from principal first.|access keys",
        "Cannot delete entity, must delete MFA device first.|MFA devices",
        "Cannot delete entity, must delete policies first.|inline policies",
        "Cannot delete entity, must detach all policies first.|attached managed policies",
        "Cannot delete entity, must remove users from group first.|group memberships",
    })
    void aDeleteConflictIsRaisedByTheClassNameStepFunctionsMatchesNamingWhatConflicts(String iamMessage,
                                                                                     String named) {
        doThrow(SdkErrors.deleteConflict(iamMessage)).when(iam).deleteUser(any(DeleteUserRequest.class));

        UserDeleteConflictException e = assertThrows(UserDeleteConflictException.class,
                () -> invoke("{\"userName\": \"bob\", \"attempt\": 0}"));

        assertEquals("dev.offboarding.errors.UserDeleteConflictException", e.getClass().getName());
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertTrue(e.getMessage().contains(iamMessage), e.getMessage());
        assertTrue(e.getMessage().contains("bob"), e.getMessage());
        verify(iam, times(1)).deleteUser(any(DeleteUserRequest.class));
    }

    @Test
    void theWorkflowsLastAttemptAnswersAConflictInsteadOfRaisingItSoTheCallsCanBeCounted() throws Exception {
        doThrow(SdkErrors.deleteConflict("Cannot delete entity, must remove tokens from principal first."))
                .when(iam).deleteUser(any(DeleteUserRequest.class));

        JsonNode result = invoke("{\"userName\": \"bob\", \"attempt\": 50, \"lastAttempt\": 50}");

        assertEquals("STILL_CONFLICTING", result.get("outcome").asText());
        assertEquals(50, result.get("attempt").asInt());
        assertTrue(result.get("conflict").asText().contains("access keys"), result.toString());
        verify(iam, times(1)).deleteUser(any(DeleteUserRequest.class));
    }

    @Test
    void beforeTheLastAttemptAConflictIsRaisedForTheWorkflowToRetry() {
        doThrow(SdkErrors.deleteConflict("Cannot delete entity, must remove tokens from principal first."))
                .when(iam).deleteUser(any(DeleteUserRequest.class));

        assertThrows(UserDeleteConflictException.class,
                () -> invoke("{\"userName\": \"bob\", \"attempt\": 49, \"lastAttempt\": 50}"));
    }

    @Test
    void theLastAttemptThatSucceedsIsADeletionLikeAnyOther() throws Exception {
        doReturn(DeleteUserResponse.builder().build()).when(iam).deleteUser(any(DeleteUserRequest.class));

        JsonNode result = invoke("{\"userName\": \"bob\", \"attempt\": 50, \"lastAttempt\": 50}");

        assertEquals("DELETED", result.get("outcome").asText());
        assertTrue(result.get("conflict").isNull());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"userName\": \"bob\", \"lastAttempt\": -1}",
        "{\"userName\": \"bob\", \"lastAttempt\": 1001}", "{\"userName\": \"bob\", \"lastAttempt\": null}",
        "{\"userName\": \"bob\", \"lastAttempt\": \"50\"}"})
    void aMalformedLastAttemptIsRefusedBeforeDeleteUser(String request) {
        assertThrows(InvalidRequestException.class, () -> invoke(request));
        verifyNoInteractions(iam);
    }

    @Test
    void throttlingIsRetryable() {
        var throttled = SdkErrors.throttling();
        doThrow(throttled).when(iam).deleteUser(any(DeleteUserRequest.class));

        IamRetryableException e = assertThrows(IamRetryableException.class, () -> invoke("{\"userName\": \"bob\"}"));

        assertSame(throttled, e.getCause());
        assertEquals("dev.offboarding.errors.IamRetryableException", e.getClass().getName());
        verify(iam, times(1)).deleteUser(any(DeleteUserRequest.class));
    }

    @Test
    void aServerFailureIsRetryable() {
        doThrow(SdkErrors.serviceFailure()).when(iam).deleteUser(any(DeleteUserRequest.class));

        assertThrows(IamRetryableException.class, () -> invoke("{\"userName\": \"bob\"}"));
    }

    @Test
    void accessDeniedNamesIamDeleteUser() {
        doThrow(SdkErrors.accessDenied("DeleteUser")).when(iam).deleteUser(any(DeleteUserRequest.class));

        OffboardingException e = assertThrows(IamAccessDeniedException.class, () -> invoke("{\"userName\": \"bob\"}"));

        assertTrue(e.getMessage().contains("iam:DeleteUser"), e.getMessage());
        assertFalse(e.retryable());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{}",
        "{\"userName\": \"\"}",
        "{\"userName\": \"bo b\"}",
        "{\"userName\": 123}",
        "{\"userName\": \"bob\", \"attempt\": -1}",
        "{\"userName\": \"bob\", \"attempt\": \"1\"}",
        "{\"userName\": \"bob\", \"attempt\": 1.5}",
        "{\"userName\": \"bob\", \"attempts\": 1}",
        "{\"userName\": \"bob\", \"dryRun\": true}",
        "null",
        "",
        "[\"bob\"]",
    })
    void aMalformedRequestIsRefusedBeforeDeleteUser(String request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> new DeleteUserHandler(new IamGateway(iam), Clock.fixed(NOW, ZoneOffset.UTC)).handleRequest(
                        new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context));

        verifyNoInteractions(iam);
        assertEquals(0, out.size());
        assertTrue(e.getMessage().startsWith("Invalid request: "), e.getMessage());
    }

    @Test
    void aNegativeAttemptIsRefusedSayingWhatAttemptIs() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> invoke("{\"userName\": \"bob\", \"attempt\": -1}"));

        assertTrue(e.getMessage().contains("attempt must be 0 or more"), e.getMessage());
    }
}
