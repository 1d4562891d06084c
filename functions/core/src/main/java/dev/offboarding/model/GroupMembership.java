package dev.offboarding.model;

public record GroupMembership(String groupName, String arn, String path) {
}
