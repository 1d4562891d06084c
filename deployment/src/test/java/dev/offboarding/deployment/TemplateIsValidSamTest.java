package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateIsValidSamTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);

    @Test
    void theTemplateIsValidAgainstTheSamSchema() {
        assertEquals(List.of(), SamSchema.problems(Template.parse(TEMPLATE)));
    }

    @Test
    void aTypoInAFunctionPropertyIsReported() {
        Template broken = Template.parse(TEMPLATE.replace("      LoggingConfig:\n        LogFormat: JSON\n"
                + "        LogGroup: !Ref DeleteUserLogGroup", "      LogingConfig:\n        LogFormat: JSON\n"
                + "        LogGroup: !Ref DeleteUserLogGroup"));

        List<String> problems = SamSchema.problems(broken);

        assertTrue(problems.stream().anyMatch(p -> p.contains("LogingConfig")), problems.toString());
    }

    @Test
    void aTypoInAnEventRulePropertyIsReported() {
        Template broken = Template.parse(TEMPLATE.replace("            RetryPolicy:", "            RetryPolicies:"));

        assertTrue(SamSchema.problems(broken).stream().anyMatch(p -> p.contains("RetryPolicies")),
                SamSchema.problems(broken).toString());
    }

    @Test
    void theShortFormIntrinsicsAreReadAsTheirLongForm() {
        Template template = Template.parse("A: !Ref X\nB: !GetAtt Queue.Arn\nC: !Sub arn:${AWS::Partition}\n"
                + "D: !If [Cond, !Ref Y, !Ref AWS::NoValue]\n");

        assertEquals("{\"A\":{\"Ref\":\"X\"},\"B\":{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]},\"C\":{\"Fn::Sub\":"
                + "\"arn:${AWS::Partition}\"},\"D\":{\"Fn::If\":[\"Cond\",{\"Ref\":\"Y\"},{\"Ref\":\"AWS::NoValue\"}]}}",
                template.root().toString());
    }
}
