package dev.offboarding.checkroleusable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.RoleNotUsableByDeadlineException;
import dev.offboarding.errors.RoleNotYetUsableException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.StsGateway;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.testing.MockIam;
import dev.offboarding.testing.SdkErrors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** check-role-usable: one round of checks, the consecutive-success count carried by the workflow, typed errors. */
class CheckRoleUsableHandlerUnitTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String ARN = "arn:aws:iam::123456789012:role/deployer";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKENFwoGZXIvYXdzEXAMPLE";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":[\"lambda.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}]}";

    private final IamClient iam = MockIam.iamClient();
    private final StsClient sts = mock(StsClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    private final LocalContext context = new LocalContext("check-role-usable");

    CheckRoleUsableHandlerUnitTest() {
        doReturn(GetCallerIdentityResponse.builder().account("123456789012")
                .arn("arn:aws:sts::123456789012:assumed-role/check-role-usable/fn").build())
                .when(sts).getCallerIdentity(any(GetCallerIdentityRequest.class));
    }

    private String run(String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CheckRoleUsableHandler(new IamGateway(iam), new StsGateway(sts), "aws", Clock.fixed(NOW, ZoneOffset.UTC))
                .handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }

    private JsonNode check(String request) throws Exception {
        return Json.mapper().readTree(run(request));
    }

    private void roleExists(String trust) {
        doReturn(GetRoleResponse.builder().role(Role.builder().arn(ARN).roleName("deployer").path("/")
                .createDate(NOW).assumeRolePolicyDocument(URLEncoder.encode(trust, StandardCharsets.UTF_8)).build()).build())
                .when(iam).getRole(any(GetRoleRequest.class));
    }

    private void stsLetsUsAssumeIt() {
        doReturn(AssumeRoleResponse.builder().credentials(Credentials.builder().accessKeyId("ASIAEXAMPLE000000001")
                .secretAccessKey(SECRET).sessionToken(TOKEN).expiration(NOW.plusSeconds(900)).build()).build())
                .when(sts).assumeRole(any(AssumeRoleRequest.class));
    }

    private static StsException stsError(String code, int status, String message) {
        return (StsException) StsException.builder().statusCode(status).message(message).awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Sts").build()).build();
    }

    private static String all(String role, String extra) {
        return "{\"request\": {\"role\": \"" + role + "\", \"checks\": [\"EXISTS\", \"TRUSTS\", \"ASSUMABLE\"],"
                + " \"trustedPrincipal\": \"lambda.amazonaws.com\"}" + extra + "}";
    }

    @Test
    void aRoleThatPassesEveryCheckOnceIsNotUsableYetButCountsOneSuccess() throws Exception {
        roleExists(TRUST);
        stsLetsUsAssumeIt();

        JsonNode result = check(all("deployer", ""));

        assertEquals(ARN, result.get("roleArn").asText());
        assertFalse(result.get("usable").asBoolean());
        assertEquals(1, result.get("successes").asInt());
        assertEquals(3, result.get("requiredSuccesses").asInt());
        assertEquals("[\"EXISTS\",\"TRUSTS\",\"ASSUMABLE\"]", result.get("passed").toString());
        assertEquals(NOW.toString(), result.get("checkedAt").asText());
        ArgumentCaptor<AssumeRoleRequest> assume = ArgumentCaptor.forClass(AssumeRoleRequest.class);
        verify(sts).assumeRole(assume.capture());
        assertEquals(ARN, assume.getValue().roleArn());
        assertEquals("check-role-usable", assume.getValue().roleSessionName());
        assertEquals(900, assume.getValue().durationSeconds(), "the shortest session: nothing is done with it");
    }

    @Test
    void theRequiredNumberOfConsecutiveSuccessesMakesItUsable() throws Exception {
        roleExists(TRUST);
        stsLetsUsAssumeIt();
        JsonNode result = check(all(ARN, ", \"successes\": 2, \"attempt\": 0"));
        assertTrue(result.get("usable").asBoolean());
        assertEquals(3, result.get("successes").asInt());
    }

    @Test
    void aSuccessAfterAFailedCheckStartsTheCountAgain() throws Exception {
        roleExists(TRUST);
        stsLetsUsAssumeIt();
        // The workflow re-sends successes 2 on a Retry; attempt 1 says the previous check failed.
        JsonNode result = check(all(ARN, ", \"successes\": 2, \"attempt\": 1"));
        assertFalse(result.get("usable").asBoolean());
        assertEquals(1, result.get("successes").asInt());
    }

    @Test
    void accessDeniedFromStsIsNotYetUsableNamingAssumable() throws Exception {
        roleExists(TRUST);
        doThrow(stsError("AccessDenied", 403, "User: arn:aws:sts::123456789012:assumed-role/check-role-usable/fn is not"
                + " authorized to perform: sts:AssumeRole on resource: " + ARN)).when(sts).assumeRole(any(AssumeRoleRequest.class));

        RoleNotYetUsableException e = assertThrows(RoleNotYetUsableException.class, () -> run(all("deployer", "")));

        assertEquals("ASSUMABLE", e.failedCondition());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("Role " + ARN + " is not usable yet: ASSUMABLE fails: sts:AssumeRole by this"
                + " function was refused (AccessDenied: User: "), e.getMessage());
        assertTrue(e.getMessage().contains("(passed: [EXISTS, TRUSTS]; consecutive successes start again at 0 of 3)"));
    }

    @Test
    void noSuchEntityFromGetRoleIsNotYetUsableNamingExists() throws Exception {
        doThrow(SdkErrors.noSuchEntity("The role with name deployer cannot be found.")).when(iam).getRole(any(GetRoleRequest.class));
        RoleNotYetUsableException e = assertThrows(RoleNotYetUsableException.class, () -> run(all("deployer", "")));
        assertEquals("EXISTS", e.failedCondition());
        assertTrue(e.getMessage().contains("iam:GetRole does not find role deployer (NoSuchEntity)"), e.getMessage());
        assertEquals(0, mockingDetails(sts).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("assumeRole")).count(), "stops at the first failure");
    }

    @Test
    void aTrustPolicyThatDoesNotNameThePrincipalFailsTrusts() throws Exception {
        roleExists(TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com"));
        RoleNotYetUsableException e = assertThrows(RoleNotYetUsableException.class, () -> run(all("deployer", "")));
        assertEquals("TRUSTS", e.failedCondition());
        assertTrue(e.getMessage().contains("its trust policy does not allow lambda.amazonaws.com to call sts:AssumeRole"));
    }

    /** A trust policy that allows the principal; the test after it adds a Deny of the principal and nothing else. */
    private static final String ALLOWS_LAMBDA = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
            + "\"Action\":\"sts:*\"}";
    private static final String DENIES_LAMBDA = "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}";

    @Test
    void aTrustPolicyThatAllowsThePrincipalPassesTrusts() throws Exception {
        roleExists("{\"Statement\":[" + ALLOWS_LAMBDA + "]}");
        stsLetsUsAssumeIt();

        JsonNode result = check(all("deployer", ""));

        assertEquals("[\"EXISTS\",\"TRUSTS\",\"ASSUMABLE\"]", result.get("passed").toString());
    }

    @Test
    void theSameTrustPolicyWithAnExplicitDenyOfThePrincipalFailsTrusts() throws Exception {
        roleExists("{\"Statement\":[" + ALLOWS_LAMBDA + "," + DENIES_LAMBDA + "]}");
        stsLetsUsAssumeIt();

        RoleNotYetUsableException e = assertThrows(RoleNotYetUsableException.class, () -> run(all("deployer", "")));

        assertEquals("TRUSTS", e.failedCondition());
        assertTrue(e.getMessage().contains("its trust policy does not allow lambda.amazonaws.com to call sts:AssumeRole"),
                e.getMessage());
    }

    @Test
    void actionsTheSimulatorDoesNotAllowFailAllowsActions() throws Exception {
        doReturn(SimulatePrincipalPolicyResponse.builder().isTruncated(false).evaluationResults(
                EvaluationResult.builder().evalActionName("s3:GetObject").evalDecision("allowed").build(),
                EvaluationResult.builder().evalActionName("s3:PutObject").evalDecision("implicitDeny").build()).build())
                .when(iam).simulatePrincipalPolicy(any(SimulatePrincipalPolicyRequest.class));

        RoleNotYetUsableException e = assertThrows(RoleNotYetUsableException.class, () -> run("{\"request\": {\"role\": \""
                + ARN + "\", \"checks\": [\"ALLOWS_ACTIONS\"], \"actions\": [\"s3:GetObject\", \"s3:PutObject\"]}}"));

        assertEquals("ALLOWS_ACTIONS", e.failedCondition());
        assertTrue(e.getMessage().contains("does not allow s3:PutObject (implicitDeny)"), e.getMessage());
        ArgumentCaptor<SimulatePrincipalPolicyRequest> sent = ArgumentCaptor.forClass(SimulatePrincipalPolicyRequest.class);
        verify(iam).simulatePrincipalPolicy(sent.capture());
        assertEquals(ARN, sent.getValue().policySourceArn());
        assertEquals(List.of("s3:GetObject", "s3:PutObject"), sent.getValue().actionNames());
    }

    @Test
    void pastTheDeadlineAFailingCheckEndsWithTheConditionThatStillFails() throws Exception {
        roleExists(TRUST);
        doThrow(stsError("AccessDenied", 403, "not authorized")).when(sts).assumeRole(any(AssumeRoleRequest.class));
        RoleNotUsableByDeadlineException e = assertThrows(RoleNotUsableByDeadlineException.class, () -> run(all("deployer",
                ", \"startedAt\": \"" + NOW.minusSeconds(120) + "\"")));
        assertFalse(e.retryable());
        assertEquals("Role " + ARN + " did not become usable within 120 s (deadline " + NOW + "): ASSUMABLE still fails:"
                + " sts:AssumeRole by this function was refused (AccessDenied: not authorized).", e.getMessage());
    }

    @Test
    void beforeTheDeadlineTheResultCarriesIt() throws Exception {
        roleExists(TRUST);
        stsLetsUsAssumeIt();
        JsonNode result = check(all("deployer", ", \"startedAt\": \"" + NOW.minusSeconds(10) + "\""));
        assertEquals(NOW.plusSeconds(110).toString(), result.get("deadline").asText());
    }

    @Test
    void throttlingByStsIsRetryableAndAccessDeniedOnGetRoleIsADeploymentProblem() {
        roleExists(TRUST);
        doThrow(stsError("Throttling", 400, "Rate exceeded")).when(sts).assumeRole(any(AssumeRoleRequest.class));
        assertThrows(IamRetryableException.class, () -> run(all("deployer", "")));

        doThrow(SdkErrors.accessDenied("GetRole")).when(iam).getRole(any(GetRoleRequest.class));
        IamAccessDeniedException denied = assertThrows(IamAccessDeniedException.class, () -> run(all("deployer", "")));
        assertTrue(denied.getMessage().contains("grant the function's role iam:GetRole"), denied.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"request\": {\"role\": \"arn:aws:iam::12345:role/x\", \"checks\": [\"EXISTS\"]}}",
        "{\"request\": {\"role\": \"deployer\", \"checks\": [\"IS_READY\"]}}",
        "{\"request\": {\"role\": \"deployer\", \"checks\": []}}",
        "{\"request\": {\"role\": \"deployer\", \"checks\": [\"TRUSTS\"]}}",
        "{\"request\": {\"role\": \"deployer\", \"checks\": [\"EXISTS\"], \"actions\": [\"s3:GetObject\"]}}",
        "{\"request\": {\"role\": \"deployer\", \"checks\": [\"EXISTS\"], \"deadlineSeconds\": 600}}",
        "{\"request\": {\"role\": \"deployer\", \"checks\": [\"ASSUMABLE\"], \"sessionName\": \"has space\"}}",
        "{\"request\": {\"role\": \"deployer\", \"checks\": [\"EXISTS\"]}, \"successes\": -1}",
        "{\"role\": \"deployer\", \"checks\": [\"EXISTS\"]}"})
    void inputThatCanNeverSucceedIsRefusedBeforeAnyCall(String request) {
        assertThrows(InvalidRequestException.class, () -> run(request));
        assertEquals(List.of(), MockIam.operationsSent(iam));
        assertTrue(mockingDetails(sts).getInvocations().isEmpty());
    }

    @Test
    void anUnknownConditionIsNamedWithTheKnownOnes() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> run("{\"request\": {\"role\": \"deployer\", \"checks\": [\"IS_READY\"]}}"));
        assertTrue(e.getMessage().contains("\"EXISTS\", \"TRUSTS\", \"ALLOWS_ACTIONS\", \"ASSUMABLE\""), e.getMessage());
    }

    @Test
    void onlyAssumableCanBeCheckedForARoleInAnotherAccount() throws Exception {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> run("{\"request\": {\"role\": \"arn:aws:iam::210987654321:role/offboarding\", \"checks\": [\"EXISTS\"]}}"));
        assertTrue(e.getMessage().contains("only ASSUMABLE can be checked there"), e.getMessage());

        stsLetsUsAssumeIt();
        JsonNode result = check("{\"request\": {\"role\": \"offboarding\", \"accountId\": \"210987654321\","
                + " \"checks\": [\"ASSUMABLE\"], \"sessionName\": \"exec-42\", \"requiredSuccesses\": 1}}");
        assertTrue(result.get("usable").asBoolean());
        assertEquals("arn:aws:iam::210987654321:role/offboarding", result.get("roleArn").asText());
    }

    @Test
    void theTemporaryCredentialsNeverReachTheOutputTheLogOrAnError() throws Exception {
        roleExists(TRUST);
        stsLetsUsAssumeIt();
        String output = run(all("deployer", ""));
        doThrow(SdkErrors.noSuchEntity("gone")).when(iam).getRole(any(GetRoleRequest.class));
        String error = assertThrows(RoleNotYetUsableException.class, () -> run(all("deployer", ""))).getMessage();
        for (String text : List.of(output, error, String.join("\n", context.loggedLines()))) {
            assertFalse(text.contains(SECRET) || text.contains(TOKEN) || text.contains("ASIAEXAMPLE"), text);
        }
        assertFalse(context.loggedLines().isEmpty());
    }

    @Test
    void everyLogLineIsOneJsonObjectNamingTheExecutionAndTheRole() throws Exception {
        roleExists(TRUST);
        stsLetsUsAssumeIt();
        check("{\"request\": {\"role\": \"deployer\", \"checks\": [\"EXISTS\"], \"requiredSuccesses\": 1},"
                + " \"execution\": \"arn:aws:states:us-east-1:123456789012:execution:WaitForRole:e1\"}");

        assertFalse(context.loggedLines().isEmpty());
        for (String line : context.loggedLines()) {
            JsonNode json = Json.mapper().readTree(line);
            assertEquals("arn:aws:states:us-east-1:123456789012:execution:WaitForRole:e1", json.path("execution").asText());
            assertTrue(json.path("role").asText().endsWith(":role/deployer"), line);
        }
    }
}
