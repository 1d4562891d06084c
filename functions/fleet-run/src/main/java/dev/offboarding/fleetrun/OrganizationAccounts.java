package dev.offboarding.fleetrun;

import java.util.List;

/** The accounts of the organization a fleet with {@code "organization": true} selects in. */
public interface OrganizationAccounts {
    /**
     * Every ACTIVE account of the organization, read to the last page; once more than
     * {@link dev.offboarding.fleet.FleetRequest#MAX_ACCOUNTS} are found, the rest is not read (the request is refused
     * for them). A call that fails (after the SDK's retries)
     * is a {@link dev.offboarding.errors.SelectionFailedException} naming the call and the service's error code.
     */
    List<String> activeAccounts();
}
