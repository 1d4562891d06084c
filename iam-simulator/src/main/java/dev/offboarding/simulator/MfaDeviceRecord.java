package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.iam.model.MFADevice;

/** An MFA device assigned to a user: virtual, hardware or FIDO, told apart by its serial number. */
record MfaDeviceRecord(String serialNumber, Instant enableDate, long sequence) {

    /** Virtual devices are IAM entities with an ARN serial; they outlive their assignment. */
    static boolean isVirtual(String serialNumber) {
        return serialNumber.startsWith("arn:") && serialNumber.contains(":mfa/");
    }

    MFADevice toSdk(String userName) {
        return MFADevice.builder().userName(userName).serialNumber(serialNumber).enableDate(enableDate).build();
    }
}
