package dev.offboarding.removetokens;

import dev.offboarding.errors.ItemNotTheUsersException;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.UserInventory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether each virtual MFA device of an inventory is the user's. DeleteVirtualMFADevice takes only a serial, not a
 * user: it deletes any unassigned device of the account, whoever enrolled it. So before the first change, IAM is
 * asked which devices the user has now (ListMFADevices, every page), and a virtual device of the inventory is
 * <ul>
 *   <li>deactivated, then deleted, when it is assigned to the user now;</li>
 *   <li>deleted only, when it is no longer assigned but this very execution took the inventory
 *       ({@code inventory.execution} is the request's {@code execution}) and the device is in the user's account:
 *       this execution found it assigned to the user, and an earlier attempt of this step deactivated it and then
 *       failed before it was deleted;</li>
 *   <li>deleted only, when it is no longer assigned, is in the user's account and is marked
 *       {@code recoveredFrom}: an earlier run's unfinished record found it assigned to the user (that run deactivated
 *       it and stopped before deleting it); IAM refuses to delete a device that is assigned to anyone, so one
 *       given to someone else since is never deleted (the run fails, naming it);</li>
 *   <li>refused otherwise (assigned to nobody or to someone else, found by another execution or by none, or in
 *       another account): {@link ItemNotTheUsersException}, and nothing is changed.</li>
 * </ul>
 * Hardware and FIDO devices are only ever deactivated, which IAM does for the named user only.
 */
final class MfaOwnership {
    /** {@code arn:<partition>:iam::<account>:mfa/<path><name>}: the serial of a virtual device. */
    private static final Pattern VIRTUAL_SERIAL = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):mfa/.+");

    private MfaOwnership() {
    }

    /**
     * The serials of the virtual devices to delete without deactivating them first (no longer assigned, taken by
     * this execution). Asks IAM for the user's devices only when the inventory lists a virtual one.
     *
     * @param assignedNow    the serials IAM lists for the user now (ListMFADevices)
     * @param execution      the request's {@code execution}, or null
     * @param accountActedIn the account the request acts in, when it says ({@link RemoveTokensRequest#accountActedIn})
     * @throws ItemNotTheUsersException naming every device that is not shown to be the user's
     */
    static Set<String> deleteOnly(UserInventory inventory, Supplier<List<String>> assignedNow, String execution,
                                  Optional<String> accountActedIn) {
        List<MfaDevice> virtual = inventory.mfaDevices().stream().filter(MfaDevice::virtual).toList();
        if (virtual.isEmpty()) {
            return Set.of();
        }
        Set<String> assigned = Set.copyOf(assignedNow.get());
        Optional<String> userAccount = InventoryRules.userAccount(inventory).or(() -> accountActedIn);
        String user = inventory.userName();
        Set<String> deleteOnly = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        for (MfaDevice device : virtual) {
            String serial = device.serialNumber();
            if (assigned.contains(serial)) {
                continue;
            }
            Matcher arn = VIRTUAL_SERIAL.matcher(serial);
            String deviceAccount = arn.matches() ? arn.group(1) : null;
            String notAssigned = "MFA device " + serial + " is not assigned to " + user + " now";
            if (userAccount.isEmpty()) {
                refused.add(notAssigned + ", and which account " + user + " is in is not known (the inventory has no"
                        + " user.arn and the request no execution or memberAccount)");
            } else if (!userAccount.get().equals(deviceAccount)) {
                refused.add(notAssigned + ", and it is in account " + deviceAccount + ", not in " + user + "'s account "
                        + userAccount.get());
            } else if (device.recoveredFrom() != null) {
                // An earlier run's unfinished record found it assigned to the user, in the user's account.
                deleteOnly.add(serial);
            } else if (inventory.execution() == null) {
                refused.add(notAssigned + ", and the inventory does not say which execution found it assigned to "
                        + user + " (no inventory.execution), so it may be anyone's unassigned device");
            } else if (!inventory.execution().equals(execution)) {
                refused.add(notAssigned + ", and the inventory was taken by execution " + inventory.execution()
                        + ", not by this one (" + (execution == null ? "none" : execution) + "), so nothing shows it"
                        + " was still " + user + "'s since");
            } else {
                deleteOnly.add(serial);
            }
        }
        if (!refused.isEmpty()) {
            throw new ItemNotTheUsersException(user, refused);
        }
        return deleteOnly;
    }
}
