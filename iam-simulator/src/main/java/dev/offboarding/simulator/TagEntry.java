package dev.offboarding.simulator;

import software.amazon.awssdk.services.iam.model.Tag;

record TagEntry(String key, String value, long sequence) {

    Tag toSdk() {
        return Tag.builder().key(key).value(value).build();
    }
}
