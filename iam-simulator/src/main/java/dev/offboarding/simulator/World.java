package dev.offboarding.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A world file as written (format in the module README): one account's IAM. It is read by the project's strict
 * reader, so an unknown key, a null, a value of another type or a key given twice is refused naming its path;
 * {@link WorldLoader} then checks the values as IAM would (names, ARNs, ids, nothing declared twice). Every field
 * may be left out except the names; a list left out is empty, a date left out is the clock's time at load.
 */
public record World(String accountId, Instant now, Caller caller, List<ManagedPolicy> managedPolicies,
                    List<Group> groups, List<User> users, List<VirtualMfaDevice> virtualMfaDevices,
                    List<Role> roles, Throttling throttling, CredentialReport credentialReport,
                    OrganizationAccount organizationAccount, Faults faults) {

    /**
     * The account's token buckets ({@link dev.offboarding.simulator.Throttling}): {@code read} for Get* and List*
     * APIs, {@code write} for the others (a class left out is not throttled), {@code operations} for APIs with a rate
     * of their own (by action name, e.g. "GetCredentialReport"), {@code buckets} "perOperation" (default) or
     * "perClass".
     */
    public record Throttling(Rate read, Rate write, Map<String, Rate> operations, String buckets) {
    }

    /** {@code rate}: tokens per second (above 0); {@code burst}: the bucket's size (at least 1). */
    public record Rate(Double rate, Integer burst) {
    }

    /**
     * The account's first calls that fail ({@link FaultInjector}): {@code throttle} the next n calls of each IAM
     * action ("*": any) with Throttling, {@code serverError} with a 500 ServiceFailure.
     */
    public record Faults(Map<String, Integer> throttle, Map<String, Integer> serverError) {
    }

    /** {@code generationSeconds}: how long GenerateCredentialReport takes (default 5). */
    public record CredentialReport(Long generationSeconds) {
    }

    /**
     * How Organizations describes the account (ListAccounts): {@code name}, {@code email}, {@code status} ACTIVE
     * (default), SUSPENDED or PENDING_CLOSURE, {@code joinedMethod} CREATED (default) or INVITED,
     * {@code joinedTimestamp}.
     */
    public record OrganizationAccount(String name, String email, String status, String joinedMethod,
                                      Instant joinedTimestamp) {
    }

    /** Who calls: an IAM user or an assumed role; GetCallerIdentity answers with it. */
    public record Caller(String arn, String userId) {
    }

    /** A customer managed policy (an AWS managed one the simulator knows needs no declaring). */
    public record ManagedPolicy(String policyArn, JsonNode policyDocument) {
    }

    public record Group(String groupName, String path, Instant createDate, List<InlinePolicy> inlinePolicies,
                        List<AttachedPolicy> attachedPolicies) {
    }

    /** {@code policyDocument}: a JSON object, or a string holding one. */
    public record InlinePolicy(String policyName, JsonNode policyDocument) {
    }

    public record AttachedPolicy(String policyArn) {
    }

    /** A virtual MFA device of the account, unassigned unless a user lists it. */
    public record VirtualMfaDevice(String serialNumber) {
    }

    public record User(String userName, String path, String userId, Instant createDate, Instant passwordLastUsed,
                       String permissionsBoundary, List<Tag> tags, LoginProfile loginProfile,
                       List<AccessKey> accessKeys, List<SigningCertificate> signingCertificates,
                       List<SshPublicKey> sshPublicKeys, List<ServiceSpecificCredential> serviceSpecificCredentials,
                       List<MfaDevice> mfaDevices, List<InlinePolicy> inlinePolicies,
                       List<AttachedPolicy> attachedPolicies, List<String> groups, List<Session> sessions) {
    }

    /**
     * A session of the user (GetSessionToken's temporary credentials), issued at load unless {@code issuedAt} says
     * when; {@code name} finds it again ({@code sessions().named(user, name)}).
     */
    public record Session(String name, Instant issuedAt, Long durationSeconds) {
    }

    public record Tag(String key, String value) {
    }

    /** {@code unmodifiableForSeconds}: DeleteLoginProfile is EntityTemporarilyUnmodifiable that long after load. */
    public record LoginProfile(Instant createDate, Boolean passwordResetRequired, Long unmodifiableForSeconds) {
    }

    public record AccessKey(String accessKeyId, String status, Instant createDate, LastUsed lastUsed) {
    }

    public record LastUsed(Instant date, String serviceName, String region) {
    }

    public record SigningCertificate(String certificateId, String status, Instant uploadDate, String certificateBody) {
    }

    public record SshPublicKey(String sshPublicKeyId, String status, Instant uploadDate, String sshPublicKeyBody) {
    }

    public record ServiceSpecificCredential(String serviceSpecificCredentialId, String serviceName,
                                            String serviceUserName, String status, Instant createDate,
                                            Instant expirationDate) {
    }

    public record MfaDevice(String serialNumber, Instant enableDate) {
    }

    /** {@code usableAfterSeconds}: STS refuses AssumeRole of it that long after load. */
    public record Role(String roleName, String path, String roleId, Instant createDate,
                       JsonNode assumeRolePolicyDocument, List<InlinePolicy> inlinePolicies, Long usableAfterSeconds) {
    }

    /** Several accounts, each its own world; the first is the home (management) account. */
    public record Organization(String organizationId, List<World> accounts) {
    }
}
