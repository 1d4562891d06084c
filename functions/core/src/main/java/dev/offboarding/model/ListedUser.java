package dev.offboarding.model;

import java.time.Instant;

/** A user as ListUsers describes it (ListUsers returns neither tags nor a permissions boundary). */
public record ListedUser(String userName, String path, String arn, Instant createDate) {
}
