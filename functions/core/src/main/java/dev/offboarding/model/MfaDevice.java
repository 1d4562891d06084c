package dev.offboarding.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An MFA device assigned to the user. A virtual device's serial is its ARN ({@code arn:...:mfa/...}); it outlives
 * deactivation and must then be deleted, or it stays orphaned. Hardware and FIDO devices go with deactivation.
 * Whether a device is virtual is read from its serial, never taken from input.
 *
 * <p>{@code recoveredFrom} is set only on a virtual device that IAM no longer lists for the user but an earlier,
 * unfinished run's record found assigned to them (the execution that wrote that record): that run deactivated it and
 * stopped before deleting it, so only its deletion is left.
 */
@JsonIgnoreProperties(value = "virtual", allowGetters = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MfaDevice(String serialNumber, Instant enableDate, String recoveredFrom) {

    /** A device IAM lists for the user. */
    public MfaDevice(String serialNumber, Instant enableDate) {
        this(serialNumber, enableDate, null);
    }

    /** A virtual device that only an unfinished record of {@code execution} shows to be the user's. */
    public static MfaDevice recovered(String serialNumber, String execution) {
        return new MfaDevice(serialNumber, null, execution);
    }

    @JsonProperty("virtual")
    public boolean virtual() {
        return isVirtualSerial(serialNumber);
    }

    public static boolean isVirtualSerial(String serialNumber) {
        return serialNumber != null && serialNumber.startsWith("arn:") && serialNumber.contains(":mfa/");
    }
}
