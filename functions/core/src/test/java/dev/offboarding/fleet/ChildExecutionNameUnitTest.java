package dev.offboarding.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.validation.ExecutionName;
import dev.offboarding.validation.MemberAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Child execution names: Step Functions refuses a name it has started before, which is what keeps a re-run from
 * offboarding anyone twice, and in a member account the name is the STS role session name (64 characters at most).
 */
class ChildExecutionNameUnitTest {
    private static final String ACCOUNT = "111111111111";
    private static final String LONGEST_USER = "a".repeat(30) + "+=,.@" + "b".repeat(29);

    @Test
    void theSameUserOfTheSameRunAlwaysGetsTheSameName() {
        assertEquals(ChildExecutionName.forOffboard("stale-2026", ACCOUNT, "alice"),
                ChildExecutionName.forOffboard("stale-2026", ACCOUNT, "alice"));
        assertEquals(ChildExecutionName.forPlan("exec-1", ACCOUNT, "alice"),
                ChildExecutionName.forPlan("exec-1", ACCOUNT, "alice"));
    }

    @Test
    void anOffboardNameIsFoTheFirst40HexOfTheHashOfRunAccountAndUserThenTheUser() {
        String hash = ExecutionName.sha256("stale-2026/" + ACCOUNT + "/alice").substring(0, 40);
        assertEquals("fo-" + hash + "-alice", ChildExecutionName.forOffboard("stale-2026", ACCOUNT, "alice"));
    }

    @Test
    void aPlanNameIsFpTheFirst40HexOfTheHashOfFleetExecutionAccountAndUserThenTheUser() {
        String hash = ExecutionName.sha256("exec-1/" + ACCOUNT + "/alice").substring(0, 40);
        assertEquals("fp-" + hash + "-alice", ChildExecutionName.forPlan("exec-1", ACCOUNT, "alice"));
    }

    @Test
    void namesDifferByRunByAccountAndByUser() {
        String name = ChildExecutionName.forOffboard("run-a", ACCOUNT, "alice");
        assertNotEquals(name, ChildExecutionName.forOffboard("run-b", ACCOUNT, "alice"));
        assertNotEquals(name, ChildExecutionName.forOffboard("run-a", "222222222222", "alice"));
        assertNotEquals(name, ChildExecutionName.forOffboard("run-a", ACCOUNT, "alicia"));
        // Users whose names only differ where the readable part sanitizes them still get different names.
        assertNotEquals(ChildExecutionName.forOffboard("run-a", ACCOUNT, "a.b"),
                ChildExecutionName.forOffboard("run-a", ACCOUNT, "a@b"));
    }

    @Test
    void aReRunOfTheSameRunDerivesTheSameOffboardNamesButPlansAfresh() {
        // Two fleet executions of the run "stale-2026": exec-1 and its re-run exec-2.
        assertEquals(ChildExecutionName.forOffboard("stale-2026", ACCOUNT, "alice"),
                ChildExecutionName.forOffboard("stale-2026", ACCOUNT, "alice"));
        assertNotEquals(ChildExecutionName.forPlan("exec-1", ACCOUNT, "alice"),
                ChildExecutionName.forPlan("exec-2", ACCOUNT, "alice"));
    }

    @Test
    void aPlanNameIsNeverAnOffboardName() {
        assertNotEquals(ChildExecutionName.forPlan("same", ACCOUNT, "alice"),
                ChildExecutionName.forOffboard("same", ACCOUNT, "alice"));
    }

    @Test
    void everyNameIsAtMost64LettersDigitsDashesAndUnderscoresAndAValidRoleSessionName() {
        for (String user : List.of("a", "alice", "first.last@example.com", "x+y=z,w", LONGEST_USER)) {
            for (String name : List.of(ChildExecutionName.forPlan("e".repeat(80), ACCOUNT, user),
                    ChildExecutionName.forOffboard("r".repeat(40), ACCOUNT, user))) {
                assertTrue(name.length() <= 64, name);
                assertTrue(name.matches("[A-Za-z0-9_-]+"), name);
                assertEquals(List.of(), MemberAccount.sessionNameProblems("name", name));
            }
        }
    }

    @Test
    void aLongUserNameIsCutToFitAndTheCharactersStepFunctionsWouldRefuseAreReplaced() {
        String name = ChildExecutionName.forOffboard("run", ACCOUNT, "first.last@example.com");
        assertEquals(64, name.length());
        assertTrue(name.endsWith("-first_last_example_c"), name);
    }
}
