package dev.offboarding.removetokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.offboarding.errors.UserDeleteConflictException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.model.BlockerItems;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.DenyAll;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.Round;
import dev.offboarding.model.Step;
import dev.offboarding.model.Step.Verb;
import dev.offboarding.model.UserInventory;
import dev.offboarding.simulator.Call;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import dev.offboarding.testing.ListedInventories;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each kind of blocker as IAM (the simulator) handles it: it is listed, every page of it; it is locked out and
 * removed with the IAM actions it names; DeleteUser's DeleteConflict names it while it remains. And the one declared
 * order: what can be reactivated is deactivated; a removal then deletes the console password, then removes everything
 * else, then lifts the deny of every action (a lock-out keeps the password, powerless behind the deny).
 */
class EachBlockerKindInIamTest {
    /** Two or more of each kind where IAM allows several; listed one item per page here. */
    private static final Path EVERY_BLOCKER = Path.of("..", "..", "events", "scenarios", "every-blocker.json");
    private static final String USER = "every_blocker";
    private static final List<BlockerKind> ALL = List.of(BlockerKind.values());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    private final IamSimulator simulator = IamSimulator.fromFile(EVERY_BLOCKER, clock).pageSize(1);
    private final IamGateway iam = new IamGateway(simulator);

    private UserInventory inventoryOf(List<BlockerKind> kinds) {
        return ListedInventories.of(iam, USER, clock.instant(), kinds);
    }

    private static void runInOrder(List<Step> plan) {
        plan.forEach(step -> step.call().run(verb -> { }));
    }

    /** The IAM actions called since the log was cleared, each once, in the order first called; GetUser aside. */
    private List<String> actionsCalled() {
        return List.copyOf(simulator.calls().all().stream().map(Call::operation)
                .filter(operation -> !operation.equals("GetUser"))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    @ParameterizedTest
    @EnumSource(BlockerKind.class)
    void eachKindIsListedLockedOutAndRemovedWithTheIamActionsItNames(BlockerKind kind) {
        simulator.calls().clear();

        UserInventory inventory = inventoryOf(List.of(kind));
        runInOrder(BlockerKind.lockOutPlan(iam, inventory));
        runInOrder(BlockerKind.removalPlan(iam, inventory, Set.of(), null));

        assertEquals(kind.iamActions(), actionsCalled());
        assertTrue(kind.count(inventory) >= 1, USER + " has at least one " + kind.description());
        assertEquals(0, kind.count(inventoryOf(List.of(kind))), "none is left once it is removed");
    }

    @Test
    void aListLongerThanOnePageIsReadWhole() {
        UserInventory inventory = inventoryOf(ALL);

        assertEquals(19, inventory.blockerCount(), "every page of every list, one item per page");
        assertEquals(2, simulator.calls().count("ListAccessKeys"), "two keys, one page each");
    }

    @Test
    void deleteConflictNamesEachKindWhileItRemains() {
        for (BlockerKind kind : BlockerKind.values()) {
            UserDeleteConflictException refused = assertThrows(UserDeleteConflictException.class,
                    () -> iam.deleteUser(USER));
            assertTrue(refused.blockers().contains(kind.conflictName()), kind + ": " + refused.getMessage());

            runInOrder(BlockerKind.removalPlan(iam, inventoryOf(List.of(kind)), Set.of(), null));
        }

        assertEquals(Removal.DONE, iam.deleteUser(USER), "nothing is left once every kind is removed");
    }

    @Test
    void theLockOutDeactivatesWhatCanBeReactivatedAndKeepsThePasswordAndEverythingElse() {
        List<Step> plan = BlockerKind.lockOutPlan(iam, inventoryOf(ALL));

        assertEquals(plan.stream().sorted(Comparator.comparing(Step::round)).toList(), plan, "round by round");
        assertTrue(plan.stream().filter(step -> step.round() == Round.DEACTIVATE)
                .allMatch(step -> step.verb() == Verb.DEACTIVATE && step.reported()), plan.toString());
        assertEquals(Set.of(BlockerKind.ACCESS_KEY, BlockerKind.SIGNING_CERTIFICATE, BlockerKind.SSH_PUBLIC_KEY,
                BlockerKind.SERVICE_SPECIFIC_CREDENTIAL), kinds(plan, Round.DEACTIVATE));
        assertEquals(Set.of(), kinds(plan, Round.DELETE_PASSWORD), "the password is kept");
        assertEquals(Set.of(), kinds(plan, Round.REMOVE));
        assertEquals(Set.of(), kinds(plan, Round.LIFT_DENY));
    }

    @Test
    void aRemovalDeactivatesTheKeysThatMayBeActiveThenDeletesThePasswordThenRemovesEverything() {
        List<Step> plan = BlockerKind.removalPlan(iam, inventoryOf(ALL), Set.of(), null);

        assertEquals(plan.stream().sorted(Comparator.comparing(Step::round)).toList(), plan, "round by round");
        assertEquals(List.of("ACCESS_KEY AKIAQEVERYBLOCKER001 DEACTIVATE unreported"), plan.stream()
                .filter(step -> step.round() == Round.DEACTIVATE)
                .map(step -> step.kind() + " " + step.id() + " " + step.verb() + (step.reported() ? "" : " unreported"))
                .toList(), "the inactive key is not deactivated again");
        assertEquals(Set.of(BlockerKind.LOGIN_PROFILE), kinds(plan, Round.DELETE_PASSWORD));
        assertEquals(Set.of(BlockerKind.values()).stream().filter(k -> k != BlockerKind.LOGIN_PROFILE)
                .collect(Collectors.toSet()), kinds(plan, Round.REMOVE));
        assertEquals(19, plan.stream().filter(Step::reported).count(), "every item once");
        assertEquals(Set.of(), kinds(plan, Round.LIFT_DENY), "no deny was attached, so none is lifted");
    }

    @Test
    void aRemovalWithTheDenyAttachedLiftsItInTheLastRoundOnceEverythingElseIsGone() {
        DenyAttachment deny = DenyAll.attach(iam, inventoryOf(ALL), clock.instant()).orElseThrow();

        List<Step> plan = BlockerKind.removalPlan(iam, inventoryOf(ALL), Set.of(), deny);
        runInOrder(plan);

        Step last = plan.get(plan.size() - 1);
        assertEquals(List.of(Round.LIFT_DENY, BlockerKind.ATTACHED_POLICY, deny.policy(), Verb.DETACH),
                List.of(last.round(), last.kind(), last.id(), last.verb()));
        assertEquals(1, plan.stream().filter(step -> step.id().equals(deny.policy())).count(),
                "the inventory lists it among the attached policies; it is detached once");
        assertEquals(Removal.DONE, iam.deleteUser(USER), "nothing is left once the deny is lifted");
    }

    private static Set<BlockerKind> kinds(List<Step> plan, Round round) {
        return Set.copyOf(plan.stream().filter(step -> step.round() == round).map(Step::kind).toList());
    }
}
