package dev.offboarding.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An MFA device assigned to the user. A virtual device's serial is its ARN ({@code arn:...:mfa/...}); it outlives
 * deactivation and must then be deleted, or it stays orphaned. Hardware and FIDO devices go with deactivation.
 * Whether a device is virtual is read from its serial, never taken from input.
 */
@JsonIgnoreProperties(value = "virtual", allowGetters = true)
public record MfaDevice(String serialNumber, Instant enableDate) {

    @JsonProperty("virtual")
    public boolean virtual() {
        return isVirtualSerial(serialNumber);
    }

    public static boolean isVirtualSerial(String serialNumber) {
        return serialNumber != null && serialNumber.startsWith("arn:") && serialNumber.contains(":mfa/");
    }
}
