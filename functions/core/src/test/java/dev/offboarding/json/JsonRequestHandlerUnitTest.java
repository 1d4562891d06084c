package dev.offboarding.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.withSettings;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.local.LocalContext;
import dev.offboarding.validation.OffboardingRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.User;

/** A handler's JSON is read and validated before it runs, and its result is written by the one mapper. */
class JsonRequestHandlerUnitTest {
    private final IamClient iam = mock(IamClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    private final LocalContext context = new LocalContext("probe");

    /** The smallest handler that calls IAM: it reads the user. */
    static final class GetUserHandler extends JsonRequestHandler<OffboardingRequest, Map<String, Object>> {
        private final IamGateway gateway;

        GetUserHandler(IamGateway gateway) {
            super(OffboardingRequest.class);
            this.gateway = gateway;
        }

        @Override
        public Map<String, Object> handle(OffboardingRequest request, Context context) {
            return Map.of("exists", gateway.user(request.userName()).isPresent(),
                    "at", Instant.parse("2026-01-15T10:00:00Z"));
        }
    }

    private String invoke(String json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GetUserHandler(new IamGateway(iam))
                .handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "{}", "{\"userName\": \"bo b\"}", "{\"userName\": \"bob\", \"dryrun\": true}",
        "{\"userName\": 123}", "not json"})
    void anInvalidRequestFailsBeforeAnyIamCallAndWritesNothing(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GetUserHandler handler = new GetUserHandler(new IamGateway(iam));

        assertThrows(InvalidRequestException.class, () -> handler.handleRequest(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, context));

        verifyNoInteractions(iam);
        assertEquals(0, out.size());
    }

    @Test
    void aValidRequestReachesTheHandlerAndItsResultIsWrittenAsJson() throws Exception {
        doReturn(GetUserResponse.builder().user(User.builder().userName("bob").userId("AIDA1")
                .arn("arn:aws:iam::123456789012:user/bob").path("/").createDate(Instant.EPOCH).build()).build())
                .when(iam).getUser(any(GetUserRequest.class));

        JsonNode out = Json.mapper().readTree(invoke("{\"userName\": \"bob\"}"));

        assertTrue(out.get("exists").asBoolean());
        assertEquals("2026-01-15T10:00:00Z", out.get("at").asText());
        ArgumentCaptor<GetUserRequest> sent = ArgumentCaptor.forClass(GetUserRequest.class);
        verify(iam).getUser(sent.capture());
        assertEquals("bob", sent.getValue().userName());
    }
}
