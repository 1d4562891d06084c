package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deployed to act in member accounts, where every action a function's code can call is needed; deployed to act in
 * its own account only, the functions lose sts:AssumeRole of the member roles (see CrossAccountAccessTest).
 */
class EachFunctionIsGrantedExactlyWhatItsCodeCallsTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);

    private static Template deployed(String template) {
        return Deployments.deployed(template, Deployments.memberAccounts());
    }

    static Stream<String> functions() {
        return Template.parse(TEMPLATE).functions().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theActionsGrantedAreTheActionsItsCodeCalls(String function) {
        Template template = deployed(TEMPLATE);
        Set<String> called = FunctionCode.of(template, function).calledActions();

        assertEquals(List.of(), LeastPrivilege.functionProblems(template, function, called));
    }

    @Test
    void theCodeAnalysisFindsWhatEachFunctionCalls() {
        Template template = Template.parse(TEMPLATE);

        Set<String> deleteUser = FunctionCode.of(template, "DeleteUserFunction").calledActions();
        assertTrue(deleteUser.contains("iam:DeleteUser")
                && Set.of("iam:DeleteUser", "sts:AssumeRole").containsAll(deleteUser), deleteUser.toString());
        assertEquals(Set.of("states:StartExecution"),
                FunctionCode.of(template, "StartOffboardingFunction").calledActions());
        assertTrue(FunctionCode.of(template, "RemoveTokensFunction").calledActions().containsAll(Set.of(
                "iam:DeleteVirtualMFADevice", "iam:UpdateSSHPublicKey", "iam:RemoveUserFromGroup")));
        assertTrue(FunctionCode.of(template, "ListTokensFunction").calledActions().stream()
                .allMatch(a -> a.startsWith("iam:Get") || a.startsWith("iam:List")
                        || a.equals("iam:SimulatePrincipalPolicy") || a.equals("sts:AssumeRole")),
                "list-tokens only reads");
    }

    @Test
    void anExtraActionIsReported() {
        Template broken = deployed(TEMPLATE.replace("                - iam:DeleteUser\n",
                "                - iam:DeleteUser\n                - iam:CreateUser\n"));
        Set<String> called = FunctionCode.of(broken, "DeleteUserFunction").calledActions();

        assertEquals(List.of("DeleteUserFunction is granted iam:CreateUser, which its code never calls"),
                LeastPrivilege.functionProblems(broken, "DeleteUserFunction", called));
    }

    @Test
    void aMissingActionIsReported() {
        Template broken = deployed(TEMPLATE.replace("                - iam:DeleteUser\n",
                "                - iam:GetUser\n"));
        Set<String> called = FunctionCode.of(broken, "DeleteUserFunction").calledActions();

        assertEquals(List.of("DeleteUserFunction is not granted iam:DeleteUser, which its code calls",
                "DeleteUserFunction is granted iam:GetUser, which its code never calls"),
                LeastPrivilege.functionProblems(broken, "DeleteUserFunction", called));
    }

    @Test
    void noResourceIsGrantedAWildcardAction() {
        assertEquals(List.of(), LeastPrivilege.wildcardProblems(deployed(TEMPLATE)));
    }

    @Test
    void aWildcardActionIsReported() {
        Template broken = deployed(TEMPLATE.replace("                - iam:DeleteUser\n",
                "                - iam:Delete*\n"));

        assertEquals(List.of("DeleteUserFunction grants the wildcard action iam:Delete*"),
                LeastPrivilege.wildcardProblems(broken));
    }

    @Test
    void eachStateMachineMayInvokeExactlyTheFunctionAliasesItsDefinitionCalls() {
        assertEquals(List.of(), LeastPrivilege.stateMachineProblems(deployed(TEMPLATE)));
    }

    @Test
    void theWaitForRoleWorkflowMayInvokeOnlyCheckRoleUsable() {
        Template broken = deployed(TEMPLATE.replace("                - !Ref CheckRoleUsableFunction.Alias\n",
                "                - !Ref CheckRoleUsableFunction.Alias\n                - !Ref DeleteUserFunction.Alias\n"));

        assertEquals(List.of("WaitForRoleStateMachine may invoke [CheckRoleUsableFunction.Alias,"
                + " DeleteUserFunction.Alias] but its definition calls [CheckRoleUsableFunction.Alias]"),
                LeastPrivilege.stateMachineProblems(broken));
    }

    @Test
    void aStateMachineThatMayInvokeAnotherFunctionIsReported() {
        Template broken = deployed(TEMPLATE.replace("                - !Ref DeleteUserFunction.Alias\n",
                "                - !Ref DeleteUserFunction.Alias\n                - !Ref StartOffboardingFunction.Alias\n"));

        assertEquals(List.of("OffboardUserStateMachine may invoke [CheckRoleUsableFunction.Alias,"
                + " DeleteUserFunction.Alias, ListTokensFunction.Alias, RecordOutcomeFunction.Alias,"
                + " RemoveTokensFunction.Alias, StartOffboardingFunction.Alias, ValidateRequestFunction.Alias] but its"
                + " definition calls [CheckRoleUsableFunction.Alias, DeleteUserFunction.Alias,"
                + " ListTokensFunction.Alias, RecordOutcomeFunction.Alias, RemoveTokensFunction.Alias,"
                + " ValidateRequestFunction.Alias]"),
                LeastPrivilege.stateMachineProblems(broken));
    }

    @Test
    void eachStateMachineIsGrantedExactlyTheIntegrationsItsDefinitionCalls() {
        assertEquals(List.of(), LeastPrivilege.integrationProblems(deployed(TEMPLATE)));
    }

    @Test
    void anIntegrationTheDefinitionDoesNotCallIsReported() {
        Template broken = deployed(TEMPLATE.replace("""
                                - events:PutEvents
                """, """
                                - events:PutEvents
                                - sqs:SendMessage
                """));

        assertTrue(LeastPrivilege.integrationProblems(broken).contains("OffboardUserStateMachine is granted"
                + " sqs:SendMessage, which its definition never calls"), LeastPrivilege.integrationProblems(broken)
                .toString());
    }

    @Test
    void aDefinitionThatAnnouncesNeedsEventsPutEventsAndIsReportedWithoutIt(@TempDir Path dir) throws IOException {
        Path announcing = Files.writeString(dir.resolve("offboard-user.asl.json"), """
                {"StartAt": "Announce", "States": {"Announce": {"Type": "Task",
                  "Resource": "arn:aws:states:::events:putEvents",
                  "Parameters": {"Entries": [{"EventBusName": "${OffboardingEventBusName}",
                    "Source": "${OffboardingEventSource}", "DetailType": "Offboarding Completed", "Detail": {}}]},
                  "End": true}}}
                """);
        String template = TEMPLATE.replace("DefinitionUri: statemachine/offboard-user.asl.json",
                "DefinitionUri: " + announcing);
        String grant = """
                            - Sid: AnnounceOnlyOnItsBus
                              Effect: Allow
                              Action:
                                - events:PutEvents
                              Resource: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${OffboardingEventBusName}
                """;

        assertEquals(List.of(), LeastPrivilege.integrationProblems(deployed(template)));
        // Only OffboardUser's grant: OffboardFleet announces on the same bus with the same statement.
        int offboardUser = template.indexOf("  OffboardUserStateMachine:\n");
        String withoutIt = template.substring(0, offboardUser)
                + template.substring(offboardUser).replaceFirst(java.util.regex.Pattern.quote(grant), "");
        assertEquals(List.of("OffboardUserStateMachine is not granted events:PutEvents, which its definition calls"),
                LeastPrivilege.integrationProblems(deployed(withoutIt)));
    }
}
