package dev.offboarding.errors;

import java.util.List;

/**
 * IAM refused every way of attaching the deny of every action to the user (its quota of managed policies is full and
 * a policy denies setting the boundary, or an organization policy denies both calls). Nothing was deactivated or
 * removed: a lock-out without the deny would leave the user's sessions their permissions, so the round stops before
 * its first change. Retrying cannot help until the cause named in the message is fixed.
 */
public final class DenyNotAttachedException extends OffboardingException {
    public DenyNotAttachedException(String userName, List<String> refusals) {
        super("Could not deny " + userName + " every action, so nothing was deactivated or removed: "
                + String.join("; ", refusals) + ". Fix one of them: detach one of " + userName + "'s managed policies"
                + " (or raise the quota of managed policies per user), or allow the offboarding functions"
                + " iam:AttachUserPolicy / iam:PutUserPermissionsBoundary on " + userName + " with AWSDenyAll in"
                + " every policy that applies (organization SCPs included); then run the offboarding again.");
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
