package dev.offboarding.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.offboarding.iam.IamGateway;
import dev.offboarding.testing.MockIam;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * What each kind of blocker declares, and what an inventory derives from the kinds; the plan of a round, which
 * starts from the deny of every action ({@link DenyAll}) and, in a removal, ends by lifting it.
 */
class BlockerKindUnitTest {
    private static final Instant CREATED = Instant.parse("2024-03-01T09:30:00Z");

    @ParameterizedTest
    @EnumSource(BlockerKind.class)
    void eachKindIsNamedAndSaysWhichIamActionsListAndChangeIt(BlockerKind kind) {
        assertFalse(kind.description().isBlank());
        assertFalse(kind.plural().isBlank());
        assertFalse(kind.conflictPhrase().isBlank());
        assertFalse(kind.conflictName().isBlank());
        assertTrue(kind.iamActions().get(0).matches("(List|Get)\\w+"), "listed first: " + kind.iamActions());
        assertTrue(kind.iamActions().stream().anyMatch(a -> a.matches("(Delete|Detach|Remove|Deactivate)\\w+")),
                "and removed: " + kind.iamActions());
    }

    /** bob: a console password, two keys, a group; nothing else. */
    private static UserInventory bob() {
        return new UserInventory("bob", true, null, new LoginProfile(CREATED, false),
                List.of(new AccessKey("AKIA1EXAMPLE00000001", "Active", CREATED, null),
                        new AccessKey("AKIA2EXAMPLE00000002", "Inactive", CREATED, null)),
                null, null, null, null, null, null,
                List.of(new GroupMembership("developers", "arn:aws:iam::123456789012:group/developers", "/")),
                null, false, false, false, null, CREATED, null);
    }

    @Test
    void blockersAreEveryKindInTheDeclaredOrderWithItsItemsAndTheirIds() {
        List<BlockerItems<?>> blockers = bob().blockers();

        assertEquals(Arrays.asList(BlockerKind.values()), blockers.stream().map(BlockerItems::kind).toList());
        assertEquals(List.of("bob"), blockers.get(0).ids(), "the console password is the user's own");
        assertEquals("console password", blockers.get(0).description());
        assertEquals(List.of("AKIA1EXAMPLE00000001", "AKIA2EXAMPLE00000002"), blockers.get(1).ids());
        assertEquals("access keys", blockers.get(1).description());
        assertEquals(List.of("developers"), blockers.get(8).ids());
        assertEquals(Set.of(0), Set.copyOf(blockers.subList(2, 8).stream().map(b -> b.items().size()).toList()));
    }

    @Test
    void theBlockerCountIsEveryItemOfEveryKind() {
        assertEquals(4, bob().blockerCount());
        assertEquals(0, UserInventory.absent("bob", CREATED).blockerCount());
    }

    @Test
    void planningCallsNothing() {
        IamClient iam = MockIam.iamClient();

        BlockerKind.lockOutPlan(new IamGateway(iam), bob());
        BlockerKind.removalPlan(new IamGateway(iam), bob(), Set.of(), null);

        verifyNoInteractions(iam);
    }

    @Test
    void theRemovalPlanGoesRoundByRound() {
        List<String> plan = BlockerKind.removalPlan(new IamGateway(MockIam.iamClient()), bob(), Set.of(), null).stream()
                .map(step -> step.round() + " " + step.kind() + " " + step.id() + " " + step.verb()
                        + (step.reported() ? "" : " (not reported)"))
                .toList();

        assertEquals(List.of(
                "DEACTIVATE ACCESS_KEY AKIA1EXAMPLE00000001 DEACTIVATE (not reported)",
                "DELETE_PASSWORD LOGIN_PROFILE bob DELETE",
                "REMOVE ACCESS_KEY AKIA1EXAMPLE00000001 DELETE",
                "REMOVE ACCESS_KEY AKIA2EXAMPLE00000002 DELETE",
                "REMOVE GROUP_MEMBERSHIP developers REMOVE"), plan);
    }

    private static final String DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    /** carol: a console password, an active key and these attached policies and boundary. */
    private static UserInventory carol(String boundary, String... attachedArns) {
        UserDetails user = new UserDetails("arn:aws:iam::123456789012:user/carol", "AIDAEXAMPLE", "/", CREATED, null,
                boundary, List.of());
        return new UserInventory("carol", true, user, new LoginProfile(CREATED, false),
                List.of(new AccessKey("AKIA1EXAMPLE00000001", "Active", CREATED, null)), null, null, null, null, null,
                Arrays.stream(attachedArns).map(arn -> new AttachedPolicy(arn.substring(arn.lastIndexOf('/') + 1),
                        arn)).toList(), null, null, false, false, false, null, CREATED, null);
    }

    private static List<String> planned(RemovalMode mode, UserInventory inventory) {
        return BlockerKind.plannedItems(mode, inventory).stream()
                .map(item -> item.kind() + " " + item.id() + " " + item.action()).toList();
    }

    @Test
    void aRemovalsPlanEndsWithLiftingTheDenyOnceEverythingElseIsGone() {
        assertEquals(List.of(
                "LOGIN_PROFILE carol WOULD_DELETE",
                "ACCESS_KEY AKIA1EXAMPLE00000001 WOULD_DELETE",
                "ATTACHED_POLICY " + READ_ONLY + " WOULD_DETACH",
                "ATTACHED_POLICY " + DENY_ALL + " WOULD_DETACH"), planned(RemovalMode.REMOVE, carol(null, READ_ONLY)));
    }

    @Test
    void aDenyTheInventoryAlreadyListsIsDetachedOnceAndLastNotWithTheOtherPolicies() {
        assertEquals(List.of(
                "LOGIN_PROFILE carol WOULD_DELETE",
                "ACCESS_KEY AKIA1EXAMPLE00000001 WOULD_DELETE",
                "ATTACHED_POLICY " + READ_ONLY + " WOULD_DETACH",
                "ATTACHED_POLICY " + DENY_ALL + " WOULD_DETACH"),
                planned(RemovalMode.REMOVE, carol(null, DENY_ALL, READ_ONLY)));
    }

    @Test
    void aDenyThatIsThePermissionsBoundaryIsNotLiftedItGoesWithTheUser() {
        assertEquals(List.of(
                "LOGIN_PROFILE carol WOULD_DELETE",
                "ACCESS_KEY AKIA1EXAMPLE00000001 WOULD_DELETE",
                "ATTACHED_POLICY " + READ_ONLY + " WOULD_DETACH"),
                planned(RemovalMode.REMOVE, carol(DENY_ALL, READ_ONLY)));
    }

    @Test
    void aLockOutsPlanDeactivatesTheKeyAndKeepsThePasswordAndTheDeny() {
        assertEquals(List.of("ACCESS_KEY AKIA1EXAMPLE00000001 WOULD_DEACTIVATE"),
                planned(RemovalMode.LOCK_OUT, carol(null, READ_ONLY)));
        assertEquals(List.of(), BlockerKind.lockOutPlan(new IamGateway(MockIam.iamClient()), bob()).stream()
                .filter(step -> step.kind() == BlockerKind.LOGIN_PROFILE).toList(), "the password is kept");
    }

    @Test
    void theLiftIsTheOneStepOfTheLastRoundAndOnlyForAnAttachedDeny() {
        IamGateway iam = new IamGateway(MockIam.iamClient());
        UserInventory inventory = carol(null, DENY_ALL, READ_ONLY);
        DenyAttachment attached = new DenyAttachment(DenyMechanism.MANAGED_POLICY, DENY_ALL, CREATED, true, null,
                null);
        DenyAttachment boundary = new DenyAttachment(DenyMechanism.PERMISSIONS_BOUNDARY, DENY_ALL, CREATED, false,
                null, null);

        List<Step> plan = BlockerKind.removalPlan(iam, inventory, Set.of(), attached);
        Step last = plan.get(plan.size() - 1);
        assertEquals(List.of(last), plan.stream().filter(step -> step.round() == Round.LIFT_DENY).toList());
        assertEquals(List.of(BlockerKind.ATTACHED_POLICY, DENY_ALL, Step.Verb.DETACH, true),
                List.of(last.kind(), last.id(), last.verb(), last.reported()));
        assertEquals(1, plan.stream().filter(step -> DENY_ALL.equals(step.id())).count(), "detached once");

        assertEquals(List.of(), BlockerKind.removalPlan(iam, inventory, Set.of(), boundary).stream()
                .filter(step -> step.round() == Round.LIFT_DENY).toList());
        // No deny attached (the user is gone): the listed AWSDenyAll goes with the other policies.
        assertEquals(List.of(Round.REMOVE), BlockerKind.removalPlan(iam, inventory, Set.of(), null).stream()
                .filter(step -> DENY_ALL.equals(step.id())).map(Step::round).toList());
    }
}
