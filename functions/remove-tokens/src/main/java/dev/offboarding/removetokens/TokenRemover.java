package dev.offboarding.removetokens;

import dev.offboarding.model.Action;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
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
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.model.EntityTemporarilyUnmodifiableException;

/**
 * Turns an inventory into removal steps and runs them in a safe order: the lock-out first, then every removal side
 * by side (IAM orders none of them). Each step is idempotent, so a run that crashed midway is finished by running
 * it again with the same inventory. Before the first change it makes sure each virtual MFA device is the user's
 * ({@link MfaOwnership}); a failure midway leaves with a message that ends with what was already done
 * ({@link AlreadyDone}).
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

    /** Runs (or in a dry run plans) the request's steps; {@code onEach} hears of each item as soon as it is done. */
    List<RemovedItem> run(RemoveTokensRequest request, Consumer<RemovedItem> onEach) {
        UserInventory inventory = request.inventory();
        RemovalMode mode = request.mode();
        if (request.isDryRun()) {
            List<RemovalStep> steps = mode == RemovalMode.LOCK_OUT ? lockOutSteps(inventory)
                    : removalSteps(inventory, Set.of());
            List<RemovedItem> plan = steps.stream().map(RemovalStep::plan).toList();
            plan.forEach(onEach);
            return plan;
        }
        if (mode == RemovalMode.LOCK_OUT) {
            AlreadyDone done = new AlreadyDone();
            try {
                return runSideBySide(lockOutSteps(inventory), done, onEach);
            } catch (RuntimeException e) {
                throw done.endMessageOf(e);
            }
        }
        // Nothing has been changed yet: a device that is not the user's refuses the whole request here.
        Set<String> deleteOnly = MfaOwnership.deleteOnly(inventory,
                () -> iam.mfaDevices(inventory.userName()).stream().map(MfaDevice::serialNumber).toList(),
                request.execution(), request.accountActedIn());
        List<RemovalStep> steps = removalSteps(inventory, deleteOnly);
        AlreadyDone done = new AlreadyDone();
        try {
            // Lock out before removing anything: every key that may be active deactivated (side by side; a key
            // whose status the inventory does not give may be), then the console password deleted, so that if a
            // later step fails no credential of the user works any more.
            String user = inventory.userName();
            runSideBySide(inventory.accessKeys().stream().filter(key -> !"Inactive".equals(key.status()))
                    .map(key -> deactivate(BlockerKind.ACCESS_KEY, key.accessKeyId(),
                            partly -> iam.deactivateAccessKey(user, key.accessKeyId())))
                    .toList(), done, item -> { });
            List<RemovalStep> password = steps.stream().filter(step -> step.kind() == BlockerKind.LOGIN_PROFILE).toList();
            List<RemovedItem> removed = new ArrayList<>(runSideBySide(password, done, onEach));
            List<RemovalStep> rest = steps.stream().filter(step -> step.kind() != BlockerKind.LOGIN_PROFILE).toList();
            removed.addAll(runSideBySide(rest, done, onEach));
            return removed;
        } catch (RuntimeException e) {
            throw done.endMessageOf(e);
        }
    }

    /**
     * Runs the steps side by side (they are independent: IAM orders none of them) and returns their items in the
     * steps' order. {@code onEach} hears of each item as soon as it is done. Once every step has finished, failed
     * or not, {@code done} learns, in the steps' order, what each did: its item, or the first of its two calls.
     */
    private static List<RemovedItem> runSideBySide(List<RemovalStep> steps, AlreadyDone done,
                                                   Consumer<RemovedItem> onEach) {
        RemovedItem[] finished = new RemovedItem[steps.size()];
        RemovedItem[] partlyDone = new RemovedItem[steps.size()];
        List<Supplier<RemovedItem>> calls = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            RemovalStep step = steps.get(i);
            calls.add(() -> {
                RemovedItem item = step.run(partly -> partlyDone[index] = partly);
                finished[index] = item;
                synchronized (onEach) {
                    onEach.accept(item);
                }
                return item;
            });
        }
        try {
            return ConcurrentCalls.all(calls);
        } finally {
            // ConcurrentCalls.all returns or throws only after every call has finished.
            for (int i = 0; i < steps.size(); i++) {
                RemovedItem item = finished[i] != null ? finished[i] : partlyDone[i];
                if (item != null) {
                    done.add(item);
                }
            }
        }
    }

    private List<RemovalStep> lockOutSteps(UserInventory inv) {
        String user = inv.userName();
        List<RemovalStep> steps = new ArrayList<>();
        inv.accessKeys().forEach(k -> steps.add(deactivate(BlockerKind.ACCESS_KEY, k.accessKeyId(),
                partly -> iam.deactivateAccessKey(user, k.accessKeyId()))));
        inv.sshPublicKeys().forEach(k -> steps.add(deactivate(BlockerKind.SSH_PUBLIC_KEY, k.sshPublicKeyId(),
                partly -> iam.deactivateSshPublicKey(user, k.sshPublicKeyId()))));
        inv.signingCertificates().forEach(c -> steps.add(deactivate(BlockerKind.SIGNING_CERTIFICATE, c.certificateId(),
                partly -> iam.deactivateSigningCertificate(user, c.certificateId()))));
        inv.serviceSpecificCredentials().forEach(c -> steps.add(deactivate(BlockerKind.SERVICE_SPECIFIC_CREDENTIAL,
                c.serviceSpecificCredentialId(),
                partly -> iam.deactivateServiceSpecificCredential(user, c.serviceSpecificCredentialId()))));
        if (inv.loginProfile() != null) {
            steps.add(loginProfileStep(user));
        }
        return steps;
    }

    /** {@code deleteOnly}: the virtual MFA devices no longer assigned that this execution deactivated before. */
    private List<RemovalStep> removalSteps(UserInventory inv, Set<String> deleteOnly) {
        String user = inv.userName();
        List<RemovalStep> steps = new ArrayList<>();
        if (inv.loginProfile() != null) {
            steps.add(loginProfileStep(user));
        }
        inv.accessKeys().forEach(k -> steps.add(delete(BlockerKind.ACCESS_KEY, k.accessKeyId(),
                partly -> iam.deleteAccessKey(user, k.accessKeyId()))));
        inv.signingCertificates().forEach(c -> steps.add(delete(BlockerKind.SIGNING_CERTIFICATE, c.certificateId(),
                partly -> iam.deleteSigningCertificate(user, c.certificateId()))));
        inv.sshPublicKeys().forEach(k -> steps.add(delete(BlockerKind.SSH_PUBLIC_KEY, k.sshPublicKeyId(),
                partly -> iam.deleteSshPublicKey(user, k.sshPublicKeyId()))));
        inv.serviceSpecificCredentials().forEach(c -> steps.add(delete(BlockerKind.SERVICE_SPECIFIC_CREDENTIAL,
                c.serviceSpecificCredentialId(),
                partly -> iam.deleteServiceSpecificCredential(user, c.serviceSpecificCredentialId()))));
        inv.mfaDevices().forEach(d -> steps.add(mfaStep(user, d, deleteOnly.contains(d.serialNumber()))));
        inv.inlinePolicies().forEach(p -> steps.add(delete(BlockerKind.INLINE_POLICY, p.policyName(),
                partly -> iam.deleteInlinePolicy(user, p.policyName()))));
        inv.attachedPolicies().forEach(p -> steps.add(new RemovalStep(BlockerKind.ATTACHED_POLICY, p.policyArn(),
                Action.DETACHED, Action.WOULD_DETACH, partly -> iam.detachPolicy(user, p.policyArn()))));
        inv.groups().forEach(g -> steps.add(new RemovalStep(BlockerKind.GROUP_MEMBERSHIP, g.groupName(),
                Action.REMOVED, Action.WOULD_REMOVE, partly -> iam.removeFromGroup(user, g.groupName()))));
        return steps;
    }

    /**
     * Deactivation detaches an MFA device from the user. A virtual device then still exists, unassigned, and would
     * block re-enrolment under its name: delete it too. Its serial is in the inventory, so no account-wide scan.
     * {@code alreadyDeactivated}: an earlier attempt of this execution deactivated it; only the deletion is left.
     */
    private RemovalStep mfaStep(String user, MfaDevice device, boolean alreadyDeactivated) {
        String serial = device.serialNumber();
        if (!device.virtual()) {
            return deactivate(BlockerKind.MFA_DEVICE, serial, partly -> iam.deactivateMfaDevice(user, serial));
        }
        if (alreadyDeactivated) {
            return delete(BlockerKind.MFA_DEVICE, serial, partly -> iam.deleteVirtualMfaDevice(serial));
        }
        return delete(BlockerKind.MFA_DEVICE, serial, partly -> {
            Removal deactivated = iam.deactivateMfaDevice(user, serial);
            if (deactivated == Removal.DONE) {
                partly.accept(Action.DEACTIVATED);
            }
            Removal deleted = iam.deleteVirtualMfaDevice(serial);
            return deactivated == Removal.DONE || deleted == Removal.DONE ? Removal.DONE : Removal.ALREADY_ABSENT;
        });
    }

    private RemovalStep loginProfileStep(String user) {
        return delete(BlockerKind.LOGIN_PROFILE, user, partly -> deleteLoginProfile(user));
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

    private static RemovalStep deactivate(BlockerKind kind, String id, RemovalStep.Call call) {
        return new RemovalStep(kind, id, Action.DEACTIVATED, Action.WOULD_DEACTIVATE, call);
    }

    private static RemovalStep delete(BlockerKind kind, String id, RemovalStep.Call call) {
        return new RemovalStep(kind, id, Action.DELETED, Action.WOULD_DELETE, call);
    }
}
