package dev.offboarding.simulator;

import static dev.offboarding.simulator.Fixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;

/** The AWS managed policy AWSDenyAll denies every action, over any Allow, under its ARN in any partition. */
class AwsDenyAllDeniesEveryActionInEveryPartitionTest {

    @ParameterizedTest
    @ValueSource(strings = {"aws", "aws-cn", "aws-us-gov"})
    void attachedBesideAdministratorAccessItDeniesEverything(String partition) {
        IamSimulator sim = Fixtures.simulatorWithUser(Fixtures.clock());
        String denyAll = "arn:" + partition + ":iam::aws:policy/AWSDenyAll";
        sim.attachUserPolicy(r -> r.userName(USER).policyArn("arn:" + partition + ":iam::aws:policy/AdministratorAccess"));
        sim.attachUserPolicy(r -> r.userName(USER).policyArn(denyAll));

        List<EvaluationResult> results = sim.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::123456789012:user/" + USER)
                .actionNames("iam:DeleteUser", "s3:GetObject", "sts:GetSessionToken")).evaluationResults();

        for (EvaluationResult result : results) {
            assertEquals(PolicyEvaluationDecisionType.EXPLICIT_DENY, result.evalDecision(), result.evalActionName());
            assertEquals(denyAll, result.matchedStatements().get(0).sourcePolicyId());
        }
        Session session = sim.sessions().issue(USER);
        assertEquals(SessionDecision.EXPLICIT_DENY, sim.sessions().decide(session, "ec2:RunInstances"));
    }
}
