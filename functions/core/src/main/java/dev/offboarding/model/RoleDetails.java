package dev.offboarding.model;

import java.time.Instant;

/** A role as GetRole describes it; {@code trustPolicy} is the decoded JSON text of its trust policy. */
public record RoleDetails(String arn, String roleName, String path, Instant createDate, String trustPolicy) {
}
