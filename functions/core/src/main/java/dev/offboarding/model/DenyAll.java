package dev.offboarding.model;

import dev.offboarding.errors.DenyNotAttachedException;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.iam.Partitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The explicit deny of every action that every remove-tokens round attaches to the user before it changes anything
 * else. Deactivating a key or deleting a password ends neither the temporary credentials it already issued
 * (GetSessionToken, GetFederationToken: up to 36 hours) nor a console session; their requests are evaluated against
 * the user's permissions at each call, and an explicit deny wins over every allow, resource-based policies included.
 *
 * <p>The deny is the AWS managed policy {@code AWSDenyAll}: one call, undone by one call, maintained by AWS, and an ARN
 * the offboarding functions' grants can name, so that their right to attach a policy is a right to attach this one
 * only. When IAM refuses it for good (the user's quota of managed policies is full, or a policy such as an
 * organization SCP denies the call), {@code AWSDenyAll} becomes the user's permissions boundary instead, in place of
 * any boundary the user had (which the record keeps, and a reinstate puts back). An inline deny policy is not used:
 * PutUserPolicy cannot be limited to one document, so the right to call it would be the right to grant any user
 * anything. When both are refused, nothing is changed ({@link DenyNotAttachedException}).
 *
 * <p>In a REMOVE the deny stays on while everything else goes, and is detached last, just before DeleteUser, in its
 * own {@link Round#LIFT_DENY} (a boundary does not block DeleteUser and goes with the user).
 */
public final class DenyAll {
    public static final String POLICY_NAME = "AWSDenyAll";
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:iam::aws:policy/" + POLICY_NAME);

    private DenyAll() {
    }

    /** AWSDenyAll's ARN in the partition of the user's ARN (or, without one, of the function's region). */
    public static String policyArn(UserInventory inventory) {
        String userArn = inventory.user() == null ? null : inventory.user().arn();
        String partition = userArn != null && userArn.startsWith("arn:") && userArn.split(":").length > 2
                ? userArn.split(":")[1] : Partitions.fromEnvironment(System.getenv());
        return "arn:" + partition + ":iam::aws:policy/" + POLICY_NAME;
    }

    public static boolean isDenyAll(String policyArn) {
        return policyArn != null && ARN.matcher(policyArn).matches();
    }

    /** The deny the inventory already shows on the user, if any: AWSDenyAll attached, or as the boundary. */
    public static Optional<DenyMechanism> inPlace(UserInventory inventory) {
        if (inventory.attachedPolicies().stream().anyMatch(p -> p != null && isDenyAll(p.policyArn()))) {
            return Optional.of(DenyMechanism.MANAGED_POLICY);
        }
        if (inventory.user() != null && isDenyAll(inventory.user().permissionsBoundary())) {
            return Optional.of(DenyMechanism.PERMISSIONS_BOUNDARY);
        }
        return Optional.empty();
    }

    /**
     * Whether a round over this inventory attaches the deny: unless it is the inventory of a user that does not exist
     * (nothing to deny, nothing to act on).
     */
    static boolean needed(UserInventory inventory) {
        return inventory.exists() || inventory.blockerCount() > 0;
    }

    /**
     * What a round would attach, without calling IAM: the deny in place, else AWSDenyAll attached; null for a user
     * that does not exist.
     */
    public static DenyAttachment planned(UserInventory inventory) {
        if (!needed(inventory)) {
            return null;
        }
        Optional<DenyMechanism> inPlace = inPlace(inventory);
        return new DenyAttachment(inPlace.orElse(DenyMechanism.MANAGED_POLICY), policyArn(inventory), null,
                inPlace.isPresent(), null, null);
    }

    /**
     * Attaches the deny, or confirms the one in place (attaching again changes nothing), before any other change.
     * Empty when the user no longer exists (or the inventory is of a user that does not: then no call is made).
     *
     * @throws DenyNotAttachedException when IAM refuses every mechanism; then nothing was changed
     */
    public static Optional<DenyAttachment> attach(IamGateway iam, UserInventory inventory, Instant now) {
        if (!needed(inventory)) {
            return Optional.empty();
        }
        String user = inventory.userName();
        String arn = policyArn(inventory);
        Optional<DenyMechanism> inPlace = inPlace(inventory);
        if (inPlace.isPresent()) {
            Removal confirmed = inPlace.get() == DenyMechanism.MANAGED_POLICY ? iam.attachPolicy(user, arn)
                    : iam.putPermissionsBoundary(user, arn);
            return confirmed == Removal.ALREADY_ABSENT ? Optional.empty()
                    : Optional.of(new DenyAttachment(inPlace.get(), arn, now, true, null, null));
        }
        List<String> refusals = new ArrayList<>();
        try {
            return attached(iam.attachPolicy(user, arn), DenyMechanism.MANAGED_POLICY, arn, now, null, refusals);
        } catch (RuntimeException e) {
            if (!IamGateway.refusedForGood(e)) {
                throw e;
            }
            refusals.add(e.getMessage());
        }
        String boundary = inventory.user() == null ? null : inventory.user().permissionsBoundary();
        try {
            return attached(iam.putPermissionsBoundary(user, arn), DenyMechanism.PERMISSIONS_BOUNDARY, arn, now,
                    boundary, refusals);
        } catch (RuntimeException e) {
            if (!IamGateway.refusedForGood(e)) {
                throw e;
            }
            refusals.add(e.getMessage());
        }
        throw new DenyNotAttachedException(user, refusals);
    }

    /**
     * REMOVE's last step: the deny attached as a managed policy is detached, once everything else is gone. A boundary
     * needs none.
     */
    static Optional<Step> lift(IamGateway iam, String userName, DenyAttachment deny) {
        if (deny == null || deny.how() != DenyMechanism.MANAGED_POLICY) {
            return Optional.empty();
        }
        return Optional.of(new Step.Of(BlockerKind.ATTACHED_POLICY, deny.policy()).in(Round.LIFT_DENY,
                Step.Verb.DETACH, partly -> iam.detachPolicy(userName, deny.policy())));
    }

    /** Whether the step acts on the deny itself, which only {@link #lift} removes. */
    static boolean isTheDeny(Step step, DenyAttachment deny) {
        return deny != null && deny.how() == DenyMechanism.MANAGED_POLICY && step.kind() == BlockerKind.ATTACHED_POLICY
                && isDenyAll(step.id());
    }

    private static Optional<DenyAttachment> attached(Removal removal, DenyMechanism how, String arn, Instant now,
                                                     String replacedBoundary, List<String> refusals) {
        return removal == Removal.ALREADY_ABSENT ? Optional.empty()
                : Optional.of(new DenyAttachment(how, arn, now, false, replacedBoundary, refusals));
    }
}
