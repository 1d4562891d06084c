package dev.offboarding.simulator;

import java.time.Instant;

import software.amazon.awssdk.services.iam.model.Group;

record GroupRecord(String path, String groupName, String groupId, String arn, Instant createDate) {

    static String arnFor(String accountId, String path, String groupName) {
        return "arn:aws:iam::" + accountId + ":group" + path + groupName;
    }

    Group toSdk() {
        return Group.builder().path(path).groupName(groupName).groupId(groupId).arn(arn).createDate(createDate).build();
    }
}
