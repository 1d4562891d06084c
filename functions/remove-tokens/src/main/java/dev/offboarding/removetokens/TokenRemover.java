package dev.offboarding.removetokens;

import dev.offboarding.model.Action;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.iam.ConcurrentCalls;
import dev.offboarding.iam.IamGateway;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.DenyAll;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.Round;
import dev.offboarding.model.Step;
import dev.offboarding.model.UserInventory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.model.EntityTemporarilyUnmodifiableException;

/**
 * Denies the user every action ({@link DenyAll}), then runs the plan {@link BlockerKind} makes of an inventory
 * ({@link BlockerKind#lockOutPlan}, {@link BlockerKind#removalPlan}) {@link Round} by round: the credentials that can be
 * reactivated are deactivated, then (for REMOVE) the console password is deleted, everything else is removed and the
 * deny is lifted; the steps of one round run side by side (IAM orders none of them). Each step is idempotent, so a run that crashed midway is finished by running it
 * again with the same inventory. Before the first change it makes sure each virtual MFA device is the user's
 * ({@link MfaOwnership}); a failure midway leaves with a message that ends with what was already done
 * ({@link AlreadyDone}).
 */
final class TokenRemover {
    /** A login profile created seconds ago is briefly unmodifiable; beyond this the workflow's Retry takes over. */
    static final int LOGIN_PROFILE_ATTEMPTS = 3;
    static final Duration LOGIN_PROFILE_FIRST_BACKOFF = Duration.ofMillis(500);

    private final IamGateway iam;
    private final Pause pause;
    private final Clock clock;

    TokenRemover(IamGateway iam, Pause pause, Clock clock) {
        this.iam = iam;
        this.pause = pause;
        this.clock = clock;
    }

    /** What a round did (or in a dry run would do): the deny it attached first, then each item in order. */
    record Done(DenyAttachment deny, List<RemovedItem> items) {
    }

    /**
     * Runs (or in a dry run plans) the request's steps. The deny of every action is attached before anything else
     * ({@link DenyAll}): {@code onDeny} hears of it as soon as IAM accepted it (not at all when the user is gone), and
     * {@code onEach} of each item as soon as it is done. The result lists the items in the order they are acted on:
     * round by round, and within a round in the inventory's order.
     */
    Done run(RemoveTokensRequest request, Consumer<DenyAttachment> onDeny, Consumer<RemovedItem> onEach) {
        UserInventory inventory = request.inventory();
        if (request.isDryRun()) {
            DenyAttachment planned = DenyAll.planned(inventory);
            onDeny.accept(planned);
            List<RemovedItem> plan = BlockerKind.plannedItems(request.mode(), inventory);
            plan.forEach(onEach);
            return new Done(planned, plan);
        }
        // Nothing has been changed yet: a device that is not the user's refuses the whole request here.
        Set<String> deleteOnly = request.mode() == RemovalMode.LOCK_OUT ? Set.of() : MfaOwnership.deleteOnly(inventory,
                () -> iam.mfaDevices(inventory.userName()).stream().map(MfaDevice::serialNumber).toList(),
                request.execution(), request.accountActedIn());
        AlreadyDone done = new AlreadyDone();
        List<RemovedItem> removed = new ArrayList<>();
        try {
            // The round's first change: a failure of it, too, says what was done (nothing).
            DenyAttachment deny = DenyAll.attach(iam, inventory, clock.instant()).orElse(null);
            if (deny != null) {
                done.denied(deny);
                onDeny.accept(deny);
            }
            List<Step> plan = request.mode() == RemovalMode.LOCK_OUT ? BlockerKind.lockOutPlan(iam, inventory)
                    : BlockerKind.removalPlan(iam, inventory, deleteOnly, deny);
            for (Round round : Round.values()) {
                removed.addAll(runSideBySide(plan.stream().filter(step -> step.round() == round).toList(), done,
                        onEach));
            }
            return new Done(deny, removed);
        } catch (RuntimeException e) {
            throw done.endMessageOf(e);
        }
    }

    /**
     * Runs the steps side by side (they are independent: IAM orders none of them) and returns the items of the
     * reported ones in the steps' order. {@code onEach} hears of each reported item as soon as it is done. Once every
     * step has finished, failed or not, {@code done} learns, in the steps' order, what each did: its item, or the
     * first of its two calls.
     */
    private List<RemovedItem> runSideBySide(List<Step> steps, AlreadyDone done, Consumer<RemovedItem> onEach) {
        RemovedItem[] finished = new RemovedItem[steps.size()];
        RemovedItem[] partlyDone = new RemovedItem[steps.size()];
        List<Supplier<RemovedItem>> calls = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            Step step = steps.get(i);
            Step.Call call = step.retryWhileUnmodifiable() ? retriedWhileUnmodifiable(step.call()) : step.call();
            calls.add(() -> {
                RemovedItem item = RemovedItem.done(step,
                        call.run(verb -> partlyDone[index] = RemovedItem.partlyDone(step, verb)));
                finished[index] = item;
                if (step.reported()) {
                    synchronized (onEach) {
                        onEach.accept(item);
                    }
                }
                return item;
            });
        }
        try {
            List<RemovedItem> items = ConcurrentCalls.all(calls);
            List<RemovedItem> reported = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).reported()) {
                    reported.add(items.get(i));
                }
            }
            return reported;
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

    private Step.Call retriedWhileUnmodifiable(Step.Call call) {
        return partlyDone -> {
            Duration backoff = LOGIN_PROFILE_FIRST_BACKOFF;
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.run(partlyDone);
                } catch (IamRetryableException e) {
                    if (!(e.getCause() instanceof EntityTemporarilyUnmodifiableException)
                            || attempt >= LOGIN_PROFILE_ATTEMPTS) {
                        throw e;
                    }
                    pause.sleep(backoff);
                    backoff = backoff.multipliedBy(2);
                }
            }
        };
    }
}
