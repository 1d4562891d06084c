package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;

/** When and where an access key was last used; {@link #NEVER} as AWS reports an unused key. */
record LastUse(Instant date, String serviceName, String region) {

    static final LastUse NEVER = new LastUse(null, "N/A", "N/A");

    AccessKeyLastUsed toSdk() {
        return AccessKeyLastUsed.builder().lastUsedDate(date).serviceName(serviceName).region(region).build();
    }
}
