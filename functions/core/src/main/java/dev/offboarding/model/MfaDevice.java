package dev.offboarding.model;

import java.time.Instant;

/**
 * An MFA device assigned to the user. A virtual device's serial is its ARN ({@code arn:...:mfa/...}); it outlives
 * deactivation and must then be deleted, or it stays orphaned. Hardware and FIDO devices go with deactivation.
 */
public record MfaDevice(String serialNumber, Instant enableDate, boolean virtual) {

    public static boolean isVirtualSerial(String serialNumber) {
        return serialNumber != null && serialNumber.startsWith("arn:") && serialNumber.contains(":mfa/");
    }
}
