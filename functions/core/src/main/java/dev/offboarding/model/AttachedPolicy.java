package dev.offboarding.model;

public record AttachedPolicy(String policyName, String policyArn) {
}
