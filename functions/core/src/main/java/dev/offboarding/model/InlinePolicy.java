package dev.offboarding.model;

/** An inline user policy with its document as JSON text (decoded from the URL encoding IAM returns). */
public record InlinePolicy(String policyName, String policyDocument) {
}
