package dev.offboarding.simulator;

import java.time.Instant;

/**
 * A virtual MFA device, an account-level entity that exists assigned or not.
 *
 * @param assignedUserName the user it is enabled for, or null when unassigned
 */
record VirtualMfaRecord(String serialNumber, String assignedUserName, Instant enableDate, long sequence) {

    boolean isAssigned() {
        return assignedUserName != null;
    }

    VirtualMfaRecord assignedTo(String userName, Instant enabledAt) {
        return new VirtualMfaRecord(serialNumber, userName, enabledAt, sequence);
    }

    VirtualMfaRecord unassigned() {
        return new VirtualMfaRecord(serialNumber, null, null, sequence);
    }
}
