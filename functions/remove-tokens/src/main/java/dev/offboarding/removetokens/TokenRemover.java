package dev.offboarding.removetokens;

import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.iam.ConcurrentCalls;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.iam.IamGateway.Removal;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.UserInventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.model.EntityTemporarilyUnmodifiableException;

/**
 * Turns an inventory into removal steps and runs them in a safe order: the lock-out first, then every removal side
 * by side (IAM orders none of them). Each step is idempotent, so a run that crashed midway is finished by running
 * it again with the same inventory.
 */
final class TokenRemover {
    /** A login profile created seconds ago is briefly unmodifiable; beyond this the workflow's Retry takes over. */
    static final int LOGIN_PROFILE_ATTEMPTS = 3;
    static final Duration LOGIN_PROFILE_FIRST_BACKOFF = Duration.ofMillis(500);

    private final IamGateway iam;
    private final Pause pause;

    TokenRemover(IamGateway iam, Pause pause) {
        this.iam = iam;
        this.pause = pause;
    }

    /** Runs (or in a dry run plans) the steps; {@code onEach} hears of each item as soon as it is done. */
    List<RemovedItem> run(UserInventory inventory, RemovalMode mode, boolean dryRun, Consumer<RemovedItem> onEach) {
        List<RemovalStep> steps = mode == RemovalMode.LOCK_OUT ? lockOutSteps(inventory) : removalSteps(inventory);
        if (dryRun) {
            List<RemovedItem> plan = steps.stream().map(RemovalStep::plan).toList();
            plan.forEach(onEach);
            return plan;
        }
        if (mode == RemovalMode.LOCK_OUT) {
            return runSideBySide(steps, onEach);
        }
        // Lock out before removing anything: every active key deactivated (side by side), then the console password
        // deleted, so that if a later step fails no credential of the user works any more.
        // A key whose status the inventory does not give may be active: it is deactivated too.
        ConcurrentCalls.all(inventory.accessKeys().stream().filter(key -> !"Inactive".equals(key.status()))
                .map(key -> (Supplier<Removal>) () -> iam.deactivateAccessKey(inventory.userName(), key.accessKeyId()))
                .toList());
        List<RemovalStep> password = steps.stream().filter(step -> step.kind() == BlockerKind.LOGIN_PROFILE).toList();
        List<RemovedItem> done = new ArrayList<>(runSideBySide(password, onEach));
        List<RemovalStep> rest = steps.stream().filter(step -> step.kind() != BlockerKind.LOGIN_PROFILE).toList();
        done.addAll(runSideBySide(rest, onEach));
        return done;
    }

    /**
     * Runs the steps side by side (they are independent: IAM orders none of them) and returns their items in the
     * steps' order. {@code onEach} hears of each item as soon as it is done.
     */
    private static List<RemovedItem> runSideBySide(List<RemovalStep> steps, Consumer<RemovedItem> onEach) {
        List<Supplier<RemovedItem>> calls = new ArrayList<>(steps.size());
        for (RemovalStep step : steps) {
            calls.add(() -> {
                RemovedItem item = step.run();
                synchronized (onEach) {
                    onEach.accept(item);
                }
                return item;
            });
        }
        return ConcurrentCalls.all(calls);
    }

    private List<RemovalStep> lockOutSteps(UserInventory inv) {
        String user = inv.userName();
        List<RemovalStep> steps = new ArrayList<>();
        inv.accessKeys().forEach(k -> steps.add(deactivate(BlockerKind.ACCESS_KEY, k.accessKeyId(),
                () -> iam.deactivateAccessKey(user, k.accessKeyId()))));
        inv.sshPublicKeys().forEach(k -> steps.add(deactivate(BlockerKind.SSH_PUBLIC_KEY, k.sshPublicKeyId(),
                () -> iam.deactivateSshPublicKey(user, k.sshPublicKeyId()))));
        inv.signingCertificates().forEach(c -> steps.add(deactivate(BlockerKind.SIGNING_CERTIFICATE, c.certificateId(),
                () -> iam.deactivateSigningCertificate(user, c.certificateId()))));
        inv.serviceSpecificCredentials().forEach(c -> steps.add(deactivate(BlockerKind.SERVICE_SPECIFIC_CREDENTIAL,
                c.serviceSpecificCredentialId(),
                () -> iam.deactivateServiceSpecificCredential(user, c.serviceSpecificCredentialId()))));
        if (inv.loginProfile() != null) {
            steps.add(loginProfileStep(user));
        }
        return steps;
    }

    private List<RemovalStep> removalSteps(UserInventory inv) {
        String user = inv.userName();
        List<RemovalStep> steps = new ArrayList<>();
        if (inv.loginProfile() != null) {
            steps.add(loginProfileStep(user));
        }
        inv.accessKeys().forEach(k -> steps.add(delete(BlockerKind.ACCESS_KEY, k.accessKeyId(),
                () -> iam.deleteAccessKey(user, k.accessKeyId()))));
        inv.signingCertificates().forEach(c -> steps.add(delete(BlockerKind.SIGNING_CERTIFICATE, c.certificateId(),
                () -> iam.deleteSigningCertificate(user, c.certificateId()))));
        inv.sshPublicKeys().forEach(k -> steps.add(delete(BlockerKind.SSH_PUBLIC_KEY, k.sshPublicKeyId(),
                () -> iam.deleteSshPublicKey(user, k.sshPublicKeyId()))));
        inv.serviceSpecificCredentials().forEach(c -> steps.add(delete(BlockerKind.SERVICE_SPECIFIC_CREDENTIAL,
                c.serviceSpecificCredentialId(),
                () -> iam.deleteServiceSpecificCredential(user, c.serviceSpecificCredentialId()))));
        inv.mfaDevices().forEach(d -> steps.add(mfaStep(user, d)));
        inv.inlinePolicies().forEach(p -> steps.add(delete(BlockerKind.INLINE_POLICY, p.policyName(),
                () -> iam.deleteInlinePolicy(user, p.policyName()))));
        inv.attachedPolicies().forEach(p -> steps.add(new RemovalStep(BlockerKind.ATTACHED_POLICY, p.policyArn(),
                Action.DETACHED, Action.WOULD_DETACH, () -> iam.detachPolicy(user, p.policyArn()))));
        inv.groups().forEach(g -> steps.add(new RemovalStep(BlockerKind.GROUP_MEMBERSHIP, g.groupName(),
                Action.REMOVED, Action.WOULD_REMOVE, () -> iam.removeFromGroup(user, g.groupName()))));
        return steps;
    }

    /**
     * Deactivation detaches an MFA device from the user. A virtual device then still exists, unassigned, and would
     * block re-enrolment under its name: delete it too. Its serial is in the inventory, so no account-wide scan.
     */
    private RemovalStep mfaStep(String user, MfaDevice device) {
        String serial = device.serialNumber();
        if (!device.virtual()) {
            return deactivate(BlockerKind.MFA_DEVICE, serial, () -> iam.deactivateMfaDevice(user, serial));
        }
        return delete(BlockerKind.MFA_DEVICE, serial, () -> {
            Removal deactivated = iam.deactivateMfaDevice(user, serial);
            Removal deleted = iam.deleteVirtualMfaDevice(serial);
            return deactivated == Removal.DONE || deleted == Removal.DONE ? Removal.DONE : Removal.ALREADY_ABSENT;
        });
    }

    private RemovalStep loginProfileStep(String user) {
        return delete(BlockerKind.LOGIN_PROFILE, user, () -> deleteLoginProfile(user));
    }

    private Removal deleteLoginProfile(String user) {
        Duration backoff = LOGIN_PROFILE_FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return iam.deleteLoginProfile(user);
            } catch (IamRetryableException e) {
                if (!(e.getCause() instanceof EntityTemporarilyUnmodifiableException) || attempt >= LOGIN_PROFILE_ATTEMPTS) {
                    throw e;
                }
                pause.sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static RemovalStep deactivate(BlockerKind kind, String id, Supplier<Removal> call) {
        return new RemovalStep(kind, id, Action.DEACTIVATED, Action.WOULD_DEACTIVATE, call);
    }

    private static RemovalStep delete(BlockerKind kind, String id, Supplier<Removal> call) {
        return new RemovalStep(kind, id, Action.DELETED, Action.WOULD_DELETE, call);
    }
}
