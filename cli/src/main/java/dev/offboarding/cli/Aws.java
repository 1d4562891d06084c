package dev.offboarding.cli;

import software.amazon.awssdk.core.exception.SdkClientException;

/** What to tell a person when the SDK cannot find credentials or a region, or cannot reach AWS. */
final class Aws {
    private Aws() {
    }

    static CannotRunException noCredentials(SdkClientException e) {
        return new CannotRunException("cannot call AWS: " + e.getMessage() + " Configure credentials and a region the"
                + " standard way (AWS_PROFILE, AWS_REGION, environment variables or aws sso login) and try again.", e);
    }
}
