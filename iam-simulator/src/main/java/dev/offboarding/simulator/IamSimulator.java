package dev.offboarding.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.AddUserToGroupResponse;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupResponse;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.IamRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsRequest;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysRequest;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysResponse;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupResponse;
import software.amazon.awssdk.services.iam.model.TagUserRequest;
import software.amazon.awssdk.services.iam.model.TagUserResponse;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyResponse;

import static dev.offboarding.simulator.CallInvoker.target;

/**
 * An in-memory AWS IAM that answers the calls an offboarding tool makes the way IAM does: same
 * exceptions and error codes, pagination, delete conflicts, eventual consistency and throttling.
 * Thread-safe: calls are served one at a time. Calls the IamClient interface has but this class does
 * not override fail with {@link UnsupportedOperationException}, as the SDK's defaults do.
 */
public final class IamSimulator implements IamClient {

    private final Account account;
    private final CallInvoker invoker;
    private final StsSimulator sts;
    private final UserOperations users;
    private final LoginProfileOperations loginProfiles;
    private final AccessKeyOperations accessKeys;
    private final SigningCertificateOperations certificates;
    private final SshPublicKeyOperations sshKeys;
    private final ServiceSpecificCredentialOperations serviceCredentials;
    private final MfaOperations mfa;
    private final UserPolicyOperations policies;
    private final GroupOperations groups;
    private final RoleOperations roles;
    private final PermissionsBoundaryOperations boundaries;
    private final CredentialReportOperations credentialReports;
    private final AccountSummaryOperations summary;

    /** An empty account 123456789012. */
    public IamSimulator(Clock clock) {
        this(new Account(Account.DEFAULT_ACCOUNT_ID, null, null, Objects.requireNonNull(clock, "clock")));
    }

    IamSimulator(Account account) {
        this.account = account;
        this.invoker = new CallInvoker(account, account.clock, account.faults);
        this.sts = new StsSimulator(account, invoker);
        this.users = new UserOperations(account);
        this.loginProfiles = new LoginProfileOperations(account);
        this.accessKeys = new AccessKeyOperations(account);
        this.certificates = new SigningCertificateOperations(account);
        this.sshKeys = new SshPublicKeyOperations(account);
        this.serviceCredentials = new ServiceSpecificCredentialOperations(account);
        this.mfa = new MfaOperations(account);
        this.policies = new UserPolicyOperations(account);
        this.groups = new GroupOperations(account);
        this.roles = new RoleOperations(account);
        this.boundaries = new PermissionsBoundaryOperations(account);
        this.credentialReports = new CredentialReportOperations(account);
        this.summary = new AccountSummaryOperations(account);
    }

    Account account() {
        return account;
    }

    /** A simulator holding the world described by {@code world} (see the module README for the format). */
    public static IamSimulator fromWorld(JsonNode world, Clock clock) {
        return new IamSimulator(WorldLoader.load(world, "", Objects.requireNonNull(clock, "clock")));
    }

    /** The same, for a world already read (e.g. as part of a scenario file). */
    public static IamSimulator fromWorld(World world, Clock clock) {
        return new IamSimulator(WorldLoader.load(world, "", Objects.requireNonNull(clock, "clock")));
    }

    /** Reads a world file, or a scenario file whose {@code "world"} key holds the world. */
    public static IamSimulator fromFile(Path file, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return WorldLoader.fromFile(file, (world, at) -> new IamSimulator(WorldLoader.load(world, at, clock)));
    }

    /** The most items any List* call returns per page (default 100); a request's MaxItems can lower it further. */
    public IamSimulator pageSize(int n) {
        if (n < 1 || n > Inputs.MAX_ITEMS_LIMIT) {
            throw new IllegalArgumentException("page size must be between 1 and " + Inputs.MAX_ITEMS_LIMIT + ": " + n);
        }
        synchronized (account) {
            account.pageSize = n;
        }
        return this;
    }

    /**
     * How long a change takes to reach IAM's enforcement (default 0): DeleteUser still sees a removed item as attached
     * for that long, and a session's requests are decided on the user's permissions as they were that long ago.
     */
    public IamSimulator visibilityLag(Duration lag) {
        synchronized (account) {
            account.visibilityLag = requireNotNegative(lag, "lag");
        }
        return this;
    }

    /**
     * A round-trip time added to every call (default 0), spent outside the simulator's lock so that calls made in
     * parallel overlap as they would over a network. {@link CallLog#spans()} shows when each call was in flight.
     */
    public IamSimulator callLatency(Duration perCall) {
        invoker.latency(requireNotNegative(perCall, "latency"));
        return this;
    }

    /**
     * Holds every call from now on in flight, after it has reached the simulator and before it is served, until the
     * returned {@link HeldCalls} releases it: a test sees which calls are in flight together, whatever the machine's
     * speed. Close it to stop holding. One at a time.
     */
    public HeldCalls holdCalls() {
        return invoker.holdCalls();
    }

    /**
     * Holds this account's IAM calls to token buckets, as IAM does ({@link Throttling}); {@link Throttling#NONE} (the
     * default) lets every call through. Every bucket starts full. A call that finds its bucket empty fails before it
     * takes effect with Throttling (HTTP 400, "Rate exceeded") and is logged ({@link CallLog#rateLimited()}). Calls
     * of afterCall hooks and STS calls are not held to it.
     */
    public IamSimulator throttling(Throttling rates) {
        account.buckets.configure(rates);
        return this;
    }

    /** The rates this account's IAM calls are held to. */
    public Throttling throttling() {
        return account.buckets.throttling();
    }

    /**
     * How long a credential report takes to generate, on the simulator's clock (default 5 s): GetCredentialReport
     * answers ReportInProgress until then.
     */
    public IamSimulator credentialReportGenerationTime(Duration d) {
        synchronized (account) {
            account.credentialReportGeneration = requireNotNegative(d, "generation time");
        }
        return this;
    }

    /**
     * The access key signed a request of {@code serviceName} in {@code region} at {@code at}, as
     * GetAccessKeyLastUsed and the credential report then show. For tests; not logged as a call.
     */
    public IamSimulator accessKeyUsed(String accessKeyId, Instant at, String serviceName, String region) {
        Objects.requireNonNull(at, "at");
        synchronized (account) {
            for (UserState user : account.users()) {
                AccessKeyRecord key = user.accessKeys.get(accessKeyId);
                if (key != null) {
                    user.accessKeys.put(accessKeyId, new AccessKeyRecord(key.accessKeyId(), key.status(),
                            key.createDate(), new LastUse(at, Objects.requireNonNull(serviceName, "serviceName"),
                            Objects.requireNonNull(region, "region")), key.sequence()));
                    return this;
                }
            }
        }
        throw new IllegalArgumentException("no access key " + accessKeyId + " in account " + account.accountId);
    }

    /** The user signed in with their password at {@code at} (GetUser's PasswordLastUsed). For tests; not logged. */
    public IamSimulator passwordUsed(String userName, Instant at) {
        Objects.requireNonNull(at, "at");
        synchronized (account) {
            UserState user = account.findUser(userName).orElseThrow(() ->
                    new IllegalArgumentException("no user " + userName + " in account " + account.accountId));
            user.identity = user.identity.withPasswordLastUsed(at);
        }
        return this;
    }

    /** How long after its creation a login profile cannot be deleted (default 0). */
    public IamSimulator loginProfileSettle(Duration d) {
        synchronized (account) {
            account.loginProfileSettle = requireNotNegative(d, "settle");
        }
        return this;
    }

    /** How long after CreateRole STS keeps answering AccessDenied to AssumeRole of the new role (default 0). */
    public IamSimulator newRolesUsableAfter(Duration d) {
        synchronized (account) {
            account.newRolesUsableAfter = requireNotNegative(d, "delay");
        }
        return this;
    }

    /** Makes STS refuse AssumeRole of an existing role for {@code d} from now, as if it had just been changed. */
    public IamSimulator roleUsableAfter(String roleName, Duration d) {
        synchronized (account) {
            account.requireRole(roleName).usableAt = account.now().plus(requireNotNegative(d, "delay"));
        }
        return this;
    }

    /** For tests; not logged as a call. */
    public boolean roleExists(String roleName) {
        synchronized (account) {
            return roleName != null && account.findRole(roleName).isPresent();
        }
    }

    public String accountId() {
        return account.accountId;
    }

    public FaultInjector faults() {
        return invoker.faults();
    }

    public CallLog calls() {
        return invoker.log();
    }

    /**
     * The users' temporary credentials, as GetSessionToken issues them, and what IAM's enforcement decides for their
     * requests. Neither issuing a session nor deciding its requests is an IAM call: the call log does not show them.
     */
    public Sessions sessions() {
        return account.sessions;
    }

    /** An STS client over the same account, sharing this simulator's call log and faults. */
    public StsSimulator sts() {
        return sts;
    }

    /**
     * Runs {@code hook} after each successful call of {@code operation}, e.g. to re-create a key after
     * "DeleteAccessKey". Calls the hook makes are logged like any other but are never faulted; a hook
     * is not re-entered by its own calls.
     */
    public void afterCall(String operation, Consumer<IamSimulator> hook) {
        Objects.requireNonNull(hook, "hook");
        invoker.afterCall(operation, () -> hook.accept(this));
    }

    /** For tests; not logged as a call. */
    public boolean userExists(String userName) {
        synchronized (account) {
            return userName != null && account.findUser(userName).isPresent();
        }
    }

    /** Every virtual MFA device in the account, assigned or not. For tests; not logged as a call. */
    public Set<String> virtualMfaDeviceSerials() {
        synchronized (account) {
            return new LinkedHashSet<>(account.virtualMfaDevices.keySet());
        }
    }

    /**
     * What is still attached to the user, e.g. {@code ["access key AKIA...", "login profile"]}, in the order
     * DeleteUser checks it; empty when the user does not exist. Removals are shown as done even while the
     * visibility lag still makes DeleteUser see them. For tests; not logged as a call.
     */
    public List<String> remainingBlockers(String userName) {
        synchronized (account) {
            if (userName == null) {
                return List.of();
            }
            return account.findUser(userName)
                    .map(user -> user.currentBlockers().stream().map(Blocker::description).toList())
                    .orElse(List.of());
        }
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "IamSimulator[account=" + account.accountId + "]";
    }

    // --- reads ---

    @Override
    public GetUserResponse getUser(GetUserRequest r) {
        return call("GetUser", r, target(r.userName()), () -> users.getUser(r));
    }

    @Override
    public ListUsersResponse listUsers(ListUsersRequest r) {
        return call("ListUsers", r, target(r.pathPrefix()), () -> users.listUsers(r));
    }

    @Override
    public GetAccountSummaryResponse getAccountSummary(GetAccountSummaryRequest r) {
        return call("GetAccountSummary", r, "", () -> summary.getAccountSummary(r));
    }

    @Override
    public GenerateCredentialReportResponse generateCredentialReport(GenerateCredentialReportRequest r) {
        return call("GenerateCredentialReport", r, "", () -> credentialReports.generateCredentialReport(r));
    }

    @Override
    public GetCredentialReportResponse getCredentialReport(GetCredentialReportRequest r) {
        return call("GetCredentialReport", r, "", () -> credentialReports.getCredentialReport(r));
    }

    @Override
    public GetLoginProfileResponse getLoginProfile(GetLoginProfileRequest r) {
        return call("GetLoginProfile", r, target(r.userName()), () -> loginProfiles.getLoginProfile(r));
    }

    @Override
    public ListAccessKeysResponse listAccessKeys(ListAccessKeysRequest r) {
        return call("ListAccessKeys", r, target(r.userName()), () -> accessKeys.listAccessKeys(r));
    }

    @Override
    public GetAccessKeyLastUsedResponse getAccessKeyLastUsed(GetAccessKeyLastUsedRequest r) {
        return call("GetAccessKeyLastUsed", r, target(r.accessKeyId()), () -> accessKeys.getAccessKeyLastUsed(r));
    }

    @Override
    public ListSigningCertificatesResponse listSigningCertificates(ListSigningCertificatesRequest r) {
        return call("ListSigningCertificates", r, target(r.userName()), () -> certificates.listSigningCertificates(r));
    }

    @Override
    public ListSshPublicKeysResponse listSSHPublicKeys(ListSshPublicKeysRequest r) {
        return call("ListSSHPublicKeys", r, target(r.userName()), () -> sshKeys.listSshPublicKeys(r));
    }

    @Override
    public ListServiceSpecificCredentialsResponse listServiceSpecificCredentials(ListServiceSpecificCredentialsRequest r) {
        return call("ListServiceSpecificCredentials", r, target(r.userName(), r.serviceName()),
                () -> serviceCredentials.listServiceSpecificCredentials(r));
    }

    @Override
    public ListMfaDevicesResponse listMFADevices(ListMfaDevicesRequest r) {
        return call("ListMFADevices", r, target(r.userName()), () -> mfa.listMfaDevices(r));
    }

    @Override
    public ListUserPoliciesResponse listUserPolicies(ListUserPoliciesRequest r) {
        return call("ListUserPolicies", r, target(r.userName()), () -> policies.listUserPolicies(r));
    }

    @Override
    public GetUserPolicyResponse getUserPolicy(GetUserPolicyRequest r) {
        return call("GetUserPolicy", r, target(r.userName(), r.policyName()), () -> policies.getUserPolicy(r));
    }

    @Override
    public ListAttachedUserPoliciesResponse listAttachedUserPolicies(ListAttachedUserPoliciesRequest r) {
        return call("ListAttachedUserPolicies", r, target(r.userName()), () -> policies.listAttachedUserPolicies(r));
    }

    @Override
    public ListGroupsForUserResponse listGroupsForUser(ListGroupsForUserRequest r) {
        return call("ListGroupsForUser", r, target(r.userName()), () -> groups.listGroupsForUser(r));
    }

    @Override
    public ListUserTagsResponse listUserTags(ListUserTagsRequest r) {
        return call("ListUserTags", r, target(r.userName()), () -> users.listUserTags(r));
    }

    @Override
    public ListVirtualMfaDevicesResponse listVirtualMFADevices(ListVirtualMfaDevicesRequest r) {
        return call("ListVirtualMFADevices", r, target(r.assignmentStatusAsString()),
                () -> mfa.listVirtualMfaDevices(r));
    }

    // --- removals ---

    @Override
    public DeleteLoginProfileResponse deleteLoginProfile(DeleteLoginProfileRequest r) {
        return call("DeleteLoginProfile", r, target(r.userName()), () -> loginProfiles.deleteLoginProfile(r));
    }

    @Override
    public UpdateAccessKeyResponse updateAccessKey(UpdateAccessKeyRequest r) {
        return call("UpdateAccessKey", r, target(r.userName(), r.accessKeyId()), () -> accessKeys.updateAccessKey(r));
    }

    @Override
    public DeleteAccessKeyResponse deleteAccessKey(DeleteAccessKeyRequest r) {
        return call("DeleteAccessKey", r, target(r.userName(), r.accessKeyId()), () -> accessKeys.deleteAccessKey(r));
    }

    @Override
    public UpdateSigningCertificateResponse updateSigningCertificate(UpdateSigningCertificateRequest r) {
        return call("UpdateSigningCertificate", r, target(r.userName(), r.certificateId()),
                () -> certificates.updateSigningCertificate(r));
    }

    @Override
    public DeleteSigningCertificateResponse deleteSigningCertificate(DeleteSigningCertificateRequest r) {
        return call("DeleteSigningCertificate", r, target(r.userName(), r.certificateId()),
                () -> certificates.deleteSigningCertificate(r));
    }

    @Override
    public UpdateSshPublicKeyResponse updateSSHPublicKey(UpdateSshPublicKeyRequest r) {
        return call("UpdateSSHPublicKey", r, target(r.userName(), r.sshPublicKeyId()),
                () -> sshKeys.updateSshPublicKey(r));
    }

    @Override
    public DeleteSshPublicKeyResponse deleteSSHPublicKey(DeleteSshPublicKeyRequest r) {
        return call("DeleteSSHPublicKey", r, target(r.userName(), r.sshPublicKeyId()),
                () -> sshKeys.deleteSshPublicKey(r));
    }

    @Override
    public UpdateServiceSpecificCredentialResponse updateServiceSpecificCredential(
            UpdateServiceSpecificCredentialRequest r) {
        return call("UpdateServiceSpecificCredential", r, target(r.userName(), r.serviceSpecificCredentialId()),
                () -> serviceCredentials.updateServiceSpecificCredential(r));
    }

    @Override
    public DeleteServiceSpecificCredentialResponse deleteServiceSpecificCredential(
            DeleteServiceSpecificCredentialRequest r) {
        return call("DeleteServiceSpecificCredential", r, target(r.userName(), r.serviceSpecificCredentialId()),
                () -> serviceCredentials.deleteServiceSpecificCredential(r));
    }

    @Override
    public DeactivateMfaDeviceResponse deactivateMFADevice(DeactivateMfaDeviceRequest r) {
        return call("DeactivateMFADevice", r, target(r.userName(), r.serialNumber()), () -> mfa.deactivateMfaDevice(r));
    }

    @Override
    public DeleteVirtualMfaDeviceResponse deleteVirtualMFADevice(DeleteVirtualMfaDeviceRequest r) {
        return call("DeleteVirtualMFADevice", r, target(r.serialNumber()), () -> mfa.deleteVirtualMfaDevice(r));
    }

    @Override
    public DeleteUserPolicyResponse deleteUserPolicy(DeleteUserPolicyRequest r) {
        return call("DeleteUserPolicy", r, target(r.userName(), r.policyName()), () -> policies.deleteUserPolicy(r));
    }

    @Override
    public DetachUserPolicyResponse detachUserPolicy(DetachUserPolicyRequest r) {
        return call("DetachUserPolicy", r, target(r.userName(), r.policyArn()), () -> policies.detachUserPolicy(r));
    }

    @Override
    public RemoveUserFromGroupResponse removeUserFromGroup(RemoveUserFromGroupRequest r) {
        return call("RemoveUserFromGroup", r, target(r.userName(), r.groupName()), () -> groups.removeUserFromGroup(r));
    }

    @Override
    public DeleteUserResponse deleteUser(DeleteUserRequest r) {
        return call("DeleteUser", r, target(r.userName()), () -> users.deleteUser(r));
    }

    // --- creation ---

    @Override
    public CreateUserResponse createUser(CreateUserRequest r) {
        return call("CreateUser", r, target(r.userName()), () -> users.createUser(r));
    }

    @Override
    public TagUserResponse tagUser(TagUserRequest r) {
        return call("TagUser", r, target(r.userName()), () -> users.tagUser(r));
    }

    @Override
    public CreateLoginProfileResponse createLoginProfile(CreateLoginProfileRequest r) {
        return call("CreateLoginProfile", r, target(r.userName()), () -> loginProfiles.createLoginProfile(r));
    }

    @Override
    public CreateAccessKeyResponse createAccessKey(CreateAccessKeyRequest r) {
        return call("CreateAccessKey", r, target(r.userName()), () -> accessKeys.createAccessKey(r));
    }

    @Override
    public UploadSigningCertificateResponse uploadSigningCertificate(UploadSigningCertificateRequest r) {
        return call("UploadSigningCertificate", r, target(r.userName()),
                () -> certificates.uploadSigningCertificate(r));
    }

    @Override
    public UploadSshPublicKeyResponse uploadSSHPublicKey(UploadSshPublicKeyRequest r) {
        return call("UploadSSHPublicKey", r, target(r.userName()), () -> sshKeys.uploadSshPublicKey(r));
    }

    @Override
    public CreateServiceSpecificCredentialResponse createServiceSpecificCredential(
            CreateServiceSpecificCredentialRequest r) {
        return call("CreateServiceSpecificCredential", r, target(r.userName(), r.serviceName()),
                () -> serviceCredentials.createServiceSpecificCredential(r));
    }

    @Override
    public CreateVirtualMfaDeviceResponse createVirtualMFADevice(CreateVirtualMfaDeviceRequest r) {
        return call("CreateVirtualMFADevice", r, target(r.path(), r.virtualMFADeviceName()),
                () -> mfa.createVirtualMfaDevice(r));
    }

    @Override
    public EnableMfaDeviceResponse enableMFADevice(EnableMfaDeviceRequest r) {
        return call("EnableMFADevice", r, target(r.userName(), r.serialNumber()), () -> mfa.enableMfaDevice(r));
    }

    @Override
    public PutUserPolicyResponse putUserPolicy(PutUserPolicyRequest r) {
        return call("PutUserPolicy", r, target(r.userName(), r.policyName()), () -> policies.putUserPolicy(r));
    }

    @Override
    public PutUserPermissionsBoundaryResponse putUserPermissionsBoundary(PutUserPermissionsBoundaryRequest r) {
        return call("PutUserPermissionsBoundary", r, target(r.userName(), r.permissionsBoundary()),
                () -> boundaries.putUserPermissionsBoundary(r));
    }

    @Override
    public DeleteUserPermissionsBoundaryResponse deleteUserPermissionsBoundary(DeleteUserPermissionsBoundaryRequest r) {
        return call("DeleteUserPermissionsBoundary", r, target(r.userName()),
                () -> boundaries.deleteUserPermissionsBoundary(r));
    }

    @Override
    public AttachUserPolicyResponse attachUserPolicy(AttachUserPolicyRequest r) {
        return call("AttachUserPolicy", r, target(r.userName(), r.policyArn()), () -> policies.attachUserPolicy(r));
    }

    @Override
    public CreateGroupResponse createGroup(CreateGroupRequest r) {
        return call("CreateGroup", r, target(r.groupName()), () -> groups.createGroup(r));
    }

    @Override
    public AddUserToGroupResponse addUserToGroup(AddUserToGroupRequest r) {
        return call("AddUserToGroup", r, target(r.userName(), r.groupName()), () -> groups.addUserToGroup(r));
    }

    // --- roles ---

    @Override
    public CreateRoleResponse createRole(CreateRoleRequest r) {
        return call("CreateRole", r, target(r.roleName()), () -> roles.createRole(r));
    }

    @Override
    public GetRoleResponse getRole(GetRoleRequest r) {
        return call("GetRole", r, target(r.roleName()), () -> roles.getRole(r));
    }

    @Override
    public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest r) {
        return call("PutRolePolicy", r, target(r.roleName(), r.policyName()), () -> roles.putRolePolicy(r));
    }

    @Override
    public DeleteRoleResponse deleteRole(DeleteRoleRequest r) {
        return call("DeleteRole", r, target(r.roleName()), () -> roles.deleteRole(r));
    }

    @Override
    public SimulatePrincipalPolicyResponse simulatePrincipalPolicy(SimulatePrincipalPolicyRequest r) {
        return call("SimulatePrincipalPolicy", r, target(r.policySourceArn()), () -> roles.simulatePrincipalPolicy(r));
    }

    private <T extends SdkResponse> T call(String operation, IamRequest request, String target, Supplier<T> action) {
        return invoker.call(operation, target, account.buckets, fault -> IamErrors.fault(fault, () -> ServiceControlPolicyDenial
                .message(account.caller.arn(), "iam:" + operation, RequestResource.of(account, request))), action);
    }

    private static Duration requireNotNegative(Duration d, String what) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or positive: " + d);
        }
        return d;
    }
}
