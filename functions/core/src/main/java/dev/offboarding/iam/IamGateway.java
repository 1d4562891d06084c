package dev.offboarding.iam;

import dev.offboarding.errors.IamAccessDeniedException;
import dev.offboarding.errors.IamRequestFailedException;
import dev.offboarding.errors.IamRetryableException;
import dev.offboarding.errors.UserDeleteConflictException;
import dev.offboarding.model.AccessKey;
import dev.offboarding.model.CredentialReportAnswer;
import dev.offboarding.model.ListedUser;
import dev.offboarding.model.ActionDecision;
import dev.offboarding.model.RoleDetails;
import dev.offboarding.model.AccessKeyLastUse;
import dev.offboarding.model.AttachedPolicy;
import dev.offboarding.model.GroupMembership;
import dev.offboarding.model.LoginProfile;
import dev.offboarding.model.MfaDevice;
import dev.offboarding.model.ServiceSpecificCredential;
import dev.offboarding.model.SigningCertificate;
import dev.offboarding.model.SshPublicKey;
import dev.offboarding.model.Tag;
import dev.offboarding.model.UserDetails;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.IamResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Every IAM call the functions make, and nothing else. Lists read every page through the SDK's paginators, within
 * {@link BoundedPages}' bounds; removals are idempotent (a
 * {@code NoSuchEntity} answer means someone already removed it and returns {@link Removal#ALREADY_ABSENT}); every
 * other failure is translated once, here, into the error contract.
 */
public final class IamGateway {
    private static final int PAGE_SIZE = BoundedPages.MAX_ITEMS_PER_PAGE;
    private static final String ACCOUNT = "the account";

    private final IamClient iam;

    public IamGateway(IamClient iam) {
        this.iam = iam;
    }

    public static IamGateway fromEnvironment() {
        return new IamGateway(IamClients.fromEnvironment());
    }

    public enum Removal { DONE, ALREADY_ABSENT }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** The user, or empty when it does not exist. */
    public Optional<UserDetails> user(String userName) {
        return orEmptyIfAbsent("GetUser", userName, () -> {
            User u = iam.getUser(r -> r.userName(userName)).user();
            List<Tag> tags = u.tags().stream().map(t -> new Tag(t.key(), t.value())).toList();
            String boundary = u.permissionsBoundary() == null ? null : u.permissionsBoundary().permissionsBoundaryArn();
            return new UserDetails(u.arn(), u.userId(), u.path(), u.createDate(), u.passwordLastUsed(), boundary, tags);
        });
    }

    public Optional<LoginProfile> loginProfile(String userName) {
        return orEmptyIfAbsent("GetLoginProfile", userName, () -> {
            var p = iam.getLoginProfile(r -> r.userName(userName)).loginProfile();
            return new LoginProfile(p.createDate(), p.passwordResetRequired());
        });
    }

    public List<AccessKey> accessKeys(String userName) {
        return list("ListAccessKeys", userName,
                iam.listAccessKeysPaginator(r -> r.userName(userName).maxItems(PAGE_SIZE)),
                page -> page.accessKeyMetadata().stream()
                        .map(k -> new AccessKey(k.accessKeyId(), k.statusAsString(), k.createDate(), null)).toList());
    }

    /** The key's last use; unknown (all null) if the key was deleted since it was listed. */
    public AccessKeyLastUse accessKeyLastUsed(String accessKeyId) {
        return orEmptyIfAbsent("GetAccessKeyLastUsed", accessKeyId, () -> {
            GetAccessKeyLastUsedResponse response = iam.getAccessKeyLastUsed(r -> r.accessKeyId(accessKeyId));
            var used = response.accessKeyLastUsed();
            return used == null ? AccessKeyLastUse.UNKNOWN
                    : new AccessKeyLastUse(used.lastUsedDate(), used.serviceName(), used.region());
        }).orElse(AccessKeyLastUse.UNKNOWN);
    }

    public List<SigningCertificate> signingCertificates(String userName) {
        return list("ListSigningCertificates", userName,
                iam.listSigningCertificatesPaginator(r -> r.userName(userName).maxItems(PAGE_SIZE)),
                page -> page.certificates().stream()
                        .map(c -> new SigningCertificate(c.certificateId(), c.statusAsString(), c.uploadDate())).toList());
    }

    public List<SshPublicKey> sshPublicKeys(String userName) {
        return list("ListSSHPublicKeys", userName,
                iam.listSSHPublicKeysPaginator(r -> r.userName(userName).maxItems(PAGE_SIZE)),
                page -> page.sshPublicKeys().stream()
                        .map(k -> new SshPublicKey(k.sshPublicKeyId(), k.statusAsString(), k.uploadDate())).toList());
    }

    /**
     * Credentials of every service: no service name is passed, so none is missed (CodeCommit, Keyspaces, Bedrock...).
     * The SDK has no paginator for this call, so its pages are fetched marker by marker ({@link BoundedPages#byMarker}).
     */
    public List<ServiceSpecificCredential> serviceSpecificCredentials(String userName) {
        return list("ListServiceSpecificCredentials", userName,
                BoundedPages.byMarker(marker -> iam.listServiceSpecificCredentials(r -> r.userName(userName)
                        .marker(marker).maxItems(PAGE_SIZE))),
                page -> page.serviceSpecificCredentials().stream()
                        .map(c -> new ServiceSpecificCredential(c.serviceSpecificCredentialId(), c.serviceName(),
                                c.serviceUserName(), c.statusAsString(), c.createDate(), c.expirationDate()))
                        .toList());
    }

    public List<MfaDevice> mfaDevices(String userName) {
        return list("ListMFADevices", userName,
                iam.listMFADevicesPaginator(r -> r.userName(userName).maxItems(PAGE_SIZE)),
                page -> page.mfaDevices().stream().map(d -> new MfaDevice(d.serialNumber(), d.enableDate())).toList());
    }

    public List<String> inlinePolicyNames(String userName) {
        return list("ListUserPolicies", userName,
                iam.listUserPoliciesPaginator(r -> r.userName(userName).maxItems(PAGE_SIZE)),
                ListUserPoliciesResponse::policyNames);
    }

    /** The policy document as JSON text; IAM returns it URL-encoded (RFC 3986). Empty if the policy is gone. */
    public Optional<String> inlinePolicyDocument(String userName, String policyName) {
        return orEmptyIfAbsent("GetUserPolicy", userName + "/" + policyName, () -> {
            return decodePolicy(iam.getUserPolicy(r -> r.userName(userName).policyName(policyName)).policyDocument());
        });
    }

    private static String decodePolicy(String encoded) {
        // URLDecoder would turn a literal '+' of the RFC 3986 form into a space, so protect it first.
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public List<AttachedPolicy> attachedPolicies(String userName) {
        return list("ListAttachedUserPolicies", userName,
                iam.listAttachedUserPoliciesPaginator(r -> r.userName(userName).maxItems(PAGE_SIZE)),
                page -> page.attachedPolicies().stream()
                        .map(p -> new AttachedPolicy(p.policyName(), p.policyArn())).toList());
    }

    public List<GroupMembership> groups(String userName) {
        return list("ListGroupsForUser", userName,
                iam.listGroupsForUserPaginator(r -> r.userName(userName).maxItems(PAGE_SIZE)),
                page -> page.groups().stream().map(g -> new GroupMembership(g.groupName(), g.arn(), g.path())).toList());
    }

    // ---- the account, as a fleet selection reads it ------------------------------------------------------------

    /** GetAccountSummary's count of the account's users ("Users" in its SummaryMap); empty if the answer lacks it. */
    public OptionalInt accountUserCount() {
        Integer users = call("GetAccountSummary", ACCOUNT,
                () -> iam.getAccountSummary(r -> { }).summaryMapAsStrings().get("Users"));
        return users == null ? OptionalInt.empty() : OptionalInt.of(users);
    }

    /** Every user whose path starts with {@code pathPrefix} (null: every user of the account), every page. */
    public List<ListedUser> users(String pathPrefix) {
        String target = pathPrefix == null ? ACCOUNT : "users under " + pathPrefix;
        return call("ListUsers", target, () -> BoundedPages.all("ListUsers", target,
                iam.listUsersPaginator(r -> r.pathPrefix(pathPrefix).maxItems(PAGE_SIZE)),
                page -> page.users().stream()
                        .map(u -> new ListedUser(u.userName(), u.path(), u.arn(), u.createDate())).toList(),
                "more users than a selection reads"));
    }

    /** The user's tags (ListUserTags, every page); empty when the user no longer exists. */
    public List<Tag> userTags(String userName) {
        return list("ListUserTags", userName,
                iam.listUserTagsPaginator(r -> r.userName(userName).maxItems(PAGE_SIZE)),
                page -> page.tags().stream().map(t -> new Tag(t.key(), t.value())).toList());
    }

    /** GetCredentialReport: the report, or why there is none to read (not present, expired, being generated). */
    public CredentialReportAnswer credentialReport() {
        try {
            GetCredentialReportResponse report = iam.getCredentialReport(r -> { });
            return CredentialReportAnswer.ready(report.generatedTime(),
                    report.content() == null ? "" : report.content().asUtf8String());
        } catch (CredentialReportNotPresentException e) {
            return CredentialReportAnswer.none(CredentialReportAnswer.State.NOT_PRESENT);
        } catch (CredentialReportExpiredException e) {
            return CredentialReportAnswer.none(CredentialReportAnswer.State.EXPIRED);
        } catch (CredentialReportNotReadyException e) {
            return CredentialReportAnswer.none(CredentialReportAnswer.State.IN_PROGRESS);
        } catch (SdkException e) {
            throw IamErrors.translate("GetCredentialReport", ACCOUNT, e);
        }
    }

    /** GenerateCredentialReport; IAM's answer state (STARTED, INPROGRESS or COMPLETE). */
    public String generateCredentialReport() {
        return call("GenerateCredentialReport", ACCOUNT, () -> iam.generateCredentialReport(r -> { }).stateAsString());
    }

    // ---- roles -------------------------------------------------------------------------------------------------

    /** The role, or empty when IAM does not know it (yet). */
    public Optional<RoleDetails> role(String roleName) {
        return orEmptyIfAbsent("GetRole", roleName, () -> {
            var r = iam.getRole(q -> q.roleName(roleName)).role();
            String trust = r.assumeRolePolicyDocument() == null ? null : decodePolicy(r.assumeRolePolicyDocument());
            return new RoleDetails(r.arn(), r.roleName(), r.path(), r.createDate(), trust);
        });
    }

    /**
     * IAM's decision for each action when the principal's own policies are evaluated (SimulatePrincipalPolicy, every
     * page): for a user, its inline and attached policies and those of its groups, within its permissions boundary.
     * Empty when IAM does not know the principal (yet).
     */
    public Optional<List<ActionDecision>> simulate(String principalArn, List<String> actions) {
        return simulate(principalArn, actions, List.of());
    }

    /** The same, with values for condition keys the policies may test (e.g. {@code aws:MultiFactorAuthPresent}). */
    public Optional<List<ActionDecision>> simulate(String principalArn, List<String> actions, List<ContextEntry> context) {
        return orEmptyIfAbsent("SimulatePrincipalPolicy", principalArn, () -> BoundedPages.all("SimulatePrincipalPolicy",
                principalArn, iam.simulatePrincipalPolicyPaginator(r -> r.policySourceArn(principalArn)
                        .actionNames(actions).contextEntries(context).maxItems(PAGE_SIZE)),
                page -> page.evaluationResults().stream()
                        .map(e -> new ActionDecision(e.evalActionName(), e.evalDecisionAsString(),
                                e.matchedStatements().stream().map(m -> m.sourcePolicyId()).distinct().toList(),
                                e.missingContextValues()))
                        .toList()));
    }

    // ---- removals ----------------------------------------------------------------------------------------------

    public Removal deactivateAccessKey(String userName, String accessKeyId) {
        return setAccessKeyStatus(userName, accessKeyId, StatusType.INACTIVE);
    }

    public Removal deleteAccessKey(String userName, String accessKeyId) {
        return remove("DeleteAccessKey", userName + "/" + accessKeyId,
                () -> iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(accessKeyId)));
    }

    public Removal deleteLoginProfile(String userName) {
        return remove("DeleteLoginProfile", userName, () -> iam.deleteLoginProfile(r -> r.userName(userName)));
    }

    public Removal deactivateSigningCertificate(String userName, String certificateId) {
        return setSigningCertificateStatus(userName, certificateId, StatusType.INACTIVE);
    }

    public Removal deleteSigningCertificate(String userName, String certificateId) {
        return remove("DeleteSigningCertificate", userName + "/" + certificateId,
                () -> iam.deleteSigningCertificate(r -> r.userName(userName).certificateId(certificateId)));
    }

    public Removal deactivateSshPublicKey(String userName, String sshPublicKeyId) {
        return setSshPublicKeyStatus(userName, sshPublicKeyId, StatusType.INACTIVE);
    }

    public Removal deleteSshPublicKey(String userName, String sshPublicKeyId) {
        return remove("DeleteSSHPublicKey", userName + "/" + sshPublicKeyId,
                () -> iam.deleteSSHPublicKey(r -> r.userName(userName).sshPublicKeyId(sshPublicKeyId)));
    }

    public Removal deactivateServiceSpecificCredential(String userName, String credentialId) {
        return setServiceSpecificCredentialStatus(userName, credentialId, StatusType.INACTIVE);
    }

    public Removal deleteServiceSpecificCredential(String userName, String credentialId) {
        return remove("DeleteServiceSpecificCredential", userName + "/" + credentialId,
                () -> iam.deleteServiceSpecificCredential(
                        r -> r.userName(userName).serviceSpecificCredentialId(credentialId)));
    }

    public Removal deactivateMfaDevice(String userName, String serialNumber) {
        return remove("DeactivateMFADevice", userName + "/" + serialNumber,
                () -> iam.deactivateMFADevice(r -> r.userName(userName).serialNumber(serialNumber)));
    }

    public Removal deleteVirtualMfaDevice(String serialNumber) {
        return remove("DeleteVirtualMFADevice", serialNumber,
                () -> iam.deleteVirtualMFADevice(r -> r.serialNumber(serialNumber)));
    }

    public Removal deleteInlinePolicy(String userName, String policyName) {
        return remove("DeleteUserPolicy", userName + "/" + policyName,
                () -> iam.deleteUserPolicy(r -> r.userName(userName).policyName(policyName)));
    }

    public Removal detachPolicy(String userName, String policyArn) {
        return remove("DetachUserPolicy", userName + "/" + policyArn,
                () -> iam.detachUserPolicy(r -> r.userName(userName).policyArn(policyArn)));
    }

    public Removal removeFromGroup(String userName, String groupName) {
        return remove("RemoveUserFromGroup", userName + "/" + groupName,
                () -> iam.removeUserFromGroup(r -> r.userName(userName).groupName(groupName)));
    }

    // ---- the deny of every action, and a reinstate's undoing -------------------------------------------------------

    /** AttachUserPolicy; attaching a policy already attached changes nothing. ALREADY_ABSENT: the user is gone. */
    public Removal attachPolicy(String userName, String policyArn) {
        return remove("AttachUserPolicy", userName + "/" + policyArn,
                () -> iam.attachUserPolicy(r -> r.userName(userName).policyArn(policyArn)));
    }

    /** PutUserPermissionsBoundary, in place of any boundary the user has. ALREADY_ABSENT: the user is gone. */
    public Removal putPermissionsBoundary(String userName, String policyArn) {
        return remove("PutUserPermissionsBoundary", userName + "/" + policyArn,
                () -> iam.putUserPermissionsBoundary(r -> r.userName(userName).permissionsBoundary(policyArn)));
    }

    /** DeleteUserPermissionsBoundary. ALREADY_ABSENT: the user, or its boundary, is gone. */
    public Removal deletePermissionsBoundary(String userName) {
        return remove("DeleteUserPermissionsBoundary", userName,
                () -> iam.deleteUserPermissionsBoundary(r -> r.userName(userName)));
    }

    public Removal activateAccessKey(String userName, String accessKeyId) {
        return setAccessKeyStatus(userName, accessKeyId, StatusType.ACTIVE);
    }

    public Removal activateSigningCertificate(String userName, String certificateId) {
        return setSigningCertificateStatus(userName, certificateId, StatusType.ACTIVE);
    }

    public Removal activateSshPublicKey(String userName, String sshPublicKeyId) {
        return setSshPublicKeyStatus(userName, sshPublicKeyId, StatusType.ACTIVE);
    }

    public Removal activateServiceSpecificCredential(String userName, String credentialId) {
        return setServiceSpecificCredentialStatus(userName, credentialId, StatusType.ACTIVE);
    }

    /**
     * Whether IAM refused a change for good, in a way another mechanism may avoid: a quota is full (LimitExceeded) or
     * a policy denies the call (AccessDenied, e.g. an organization SCP).
     */
    public static boolean refusedForGood(RuntimeException e) {
        return e instanceof IamAccessDeniedException || (e instanceof IamRequestFailedException
                && e.getCause() instanceof AwsServiceException ase && "LimitExceeded".equals(IamErrors.errorCode(ase)));
    }

    /**
     * DeleteUser. A DeleteConflict becomes {@link UserDeleteConflictException}, naming the kinds IAM's message
     * points at: right after a removal it is usually only propagation lag.
     */
    public Removal deleteUser(String userName) {
        try {
            return remove("DeleteUser", userName, () -> iam.deleteUser(r -> r.userName(userName)));
        } catch (IamRetryableException e) {
            if (e.getCause() instanceof DeleteConflictException conflict) {
                String said = conflict.awsErrorDetails() == null ? conflict.getMessage()
                        : conflict.awsErrorDetails().errorMessage();
                throw new UserDeleteConflictException(userName, DeleteConflicts.blockersNamedBy(said), said);
            }
            throw e;
        }
    }

    private Removal setAccessKeyStatus(String userName, String accessKeyId, StatusType status) {
        return remove("UpdateAccessKey", userName + "/" + accessKeyId, () -> iam.updateAccessKey(
                r -> r.userName(userName).accessKeyId(accessKeyId).status(status)));
    }

    private Removal setSigningCertificateStatus(String userName, String certificateId, StatusType status) {
        return remove("UpdateSigningCertificate", userName + "/" + certificateId, () -> iam.updateSigningCertificate(
                r -> r.userName(userName).certificateId(certificateId).status(status)));
    }

    private Removal setSshPublicKeyStatus(String userName, String sshPublicKeyId, StatusType status) {
        return remove("UpdateSSHPublicKey", userName + "/" + sshPublicKeyId, () -> iam.updateSSHPublicKey(
                r -> r.userName(userName).sshPublicKeyId(sshPublicKeyId).status(status)));
    }

    private Removal setServiceSpecificCredentialStatus(String userName, String credentialId, StatusType status) {
        return remove("UpdateServiceSpecificCredential", userName + "/" + credentialId, () -> iam.updateServiceSpecificCredential(
                r -> r.userName(userName).serviceSpecificCredentialId(credentialId).status(status)));
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private <T> T call(String action, String target, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw IamErrors.translate(action, target, e);
        }
    }

    private <T> Optional<T> orEmptyIfAbsent(String action, String target, Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (SdkException e) {
            if (IamErrors.isNoSuchEntity(e)) {
                return Optional.empty();
            }
            throw IamErrors.translate(action, target, e);
        }
    }

    /**
     * Every page of a user's list ({@link BoundedPages}). A list of a user that vanished meanwhile is empty: nothing
     * of it can block anything any more.
     */
    private <R extends IamResponse, T> List<T> list(String action, String userName, Iterable<R> pages,
                                                    Function<R, List<T>> items) {
        return orEmptyIfAbsent(action, userName, () -> BoundedPages.all(action, userName, pages, items))
                .orElse(List.of());
    }

    private Removal remove(String action, String target, Runnable removal) {
        try {
            removal.run();
            return Removal.DONE;
        } catch (SdkException e) {
            if (IamErrors.isNoSuchEntity(e)) {
                return Removal.ALREADY_ABSENT;
            }
            throw IamErrors.translate(action, target, e);
        }
    }
}
