package dev.offboarding.simulator;

import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/** A managed policy attached to a user. */
record AttachedPolicyRecord(String policyArn, long sequence) {

    String policyName() {
        return policyArn.substring(policyArn.lastIndexOf('/') + 1);
    }

    /** The path part of the ARN, e.g. {@code /} or {@code /service-role/}. */
    String policyPath() {
        String afterType = policyArn.substring(policyArn.indexOf(":policy/") + ":policy".length());
        return afterType.substring(0, afterType.lastIndexOf('/') + 1);
    }

    AttachedPolicy toSdk() {
        return AttachedPolicy.builder().policyArn(policyArn).policyName(policyName()).build();
    }
}
