package dev.offboarding.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.InvalidConfigurationException;
import dev.offboarding.testing.MockIam;
import dev.offboarding.validation.MemberAccount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sts.model.StsException;

class IamGatewaysUnitTest {
    private final IamGateway home = new IamGateway(MockIam.iamClient());
    private final List<String> assumed = new ArrayList<>();

    private IamGateways gateways(String roleName) {
        return new IamGateways(home, (roleArn, session) -> {
            assumed.add(roleArn + " as " + session);
            return MockIam.iamClient();
        }, roleName, "aws-cn");
    }

    @Test
    void noMemberAccountMeansTheHomeAccountsOwnCredentials() {
        assertSame(home, gateways("offboarding").of(null));
        assertEquals(List.of(), assumed);
    }

    @Test
    void aMemberAccountIsReachedThroughItsOffboardingRoleOncePerSession() {
        IamGateways g = gateways("offboarding");
        IamGateway first = g.of(new MemberAccount("210987654321", "exec-1"));
        assertSame(first, g.of(new MemberAccount("210987654321", "exec-1")));
        g.of(new MemberAccount("210987654321", "exec-2"));
        assertEquals(List.of("arn:aws-cn:iam::210987654321:role/offboarding as exec-1",
                "arn:aws-cn:iam::210987654321:role/offboarding as exec-2"), assumed);
    }

    @Test
    void theSessionCacheIsBounded() {
        IamGateways g = gateways("offboarding");
        for (int i = 0; i < 3 * IamGateways.MAX_CACHED_SESSIONS; i++) {
            g.of(new MemberAccount("210987654321", "exec-" + i));
        }
        assertEquals(IamGateways.MAX_CACHED_SESSIONS, g.cachedSessions());
    }

    @Test
    void withoutARoleNameAMemberAccountIsAConfigurationError() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> gateways(null).of(new MemberAccount("210987654321", "exec-1")));
        assertTrue(e.getMessage().startsWith("OFFBOARDING_ROLE_NAME is not set"), e.getMessage());
        assertThrows(InvalidConfigurationException.class, () -> gateways("a/b"));
    }

    @Test
    void aRefusedAssumeRoleIsAccessDeniedNamingStsAndTheFix() {
        IamGateways g = new IamGateways(home, (roleArn, session) -> {
            throw (StsException) StsException.builder().statusCode(403).message("not authorized").awsErrorDetails(
                    AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not authorized").build()).build();
        }, "offboarding", "aws");
        IamAccessDeniedException e = assertThrows(IamAccessDeniedException.class,
                () -> g.of(new MemberAccount("210987654321", "exec-1")));
        assertTrue(e.getMessage().contains("sts:AssumeRole into the offboarding role (STS said AccessDenied: not"
                + " authorized) was denied; deploy the member-account role"), e.getMessage());
    }
}
