package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefinitionSubstitutionsMatchPlaceholdersTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);

    @Test
    void eachStateMachineSubstitutesExactlyThePlaceholdersOfItsDefinition() {
        Template template = Template.parse(TEMPLATE);

        assertEquals(Set.of("OffboardUserStateMachine", "WaitForRoleStateMachine", "ReinstateUserStateMachine",
                "OffboardFleetStateMachine"), template.stateMachines().keySet());
        assertEquals(List.of(), DefinitionSubstitutions.problems(template));
    }

    @Test
    void aMissingSubstitutionIsReported() {
        Template broken = Template.parse(TEMPLATE.replace(
                "        PropagationWaitSeconds: !Ref PropagationWaitSeconds\n", ""));

        assertEquals(List.of("OffboardUserStateMachine: no DefinitionSubstitutions value for ${PropagationWaitSeconds}"),
                DefinitionSubstitutions.problems(broken));
    }

    @Test
    void aSubstitutionTheDefinitionDoesNotUseIsReported() {
        Template broken = Template.parse(TEMPLATE.replace(
                "        PropagationWaitSeconds: !Ref PropagationWaitSeconds\n",
                "        PropagationWaitSeconds: !Ref PropagationWaitSeconds\n        PropagationWait: 2\n"));

        assertEquals(List.of("OffboardUserStateMachine: DefinitionSubstitutions has PropagationWait, which its"
                + " definition does not use"), DefinitionSubstitutions.problems(broken));
    }

    @Test
    void placeholdersAreReadAsDefinitionSubstitutionsReadsThem() {
        assertEquals(Set.of("A", "B_2"), DefinitionSubstitutions.placeholders("{\"x\": \"${A}\", \"y\": \"${B_2}${A}\","
                + " \"z\": \"$.path\", \"w\": \"{}\"}"));
        assertFalse(DefinitionSubstitutions.placeholders("States.Format('{}', $.a)").contains("{}"));
    }
}
