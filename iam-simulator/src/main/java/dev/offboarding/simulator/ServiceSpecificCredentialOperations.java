package dev.offboarding.simulator;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsRequest;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredential;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialResponse;

/** Service-specific credentials (CodeCommit, Keyspaces, Bedrock, ...); any service name is accepted. */
final class ServiceSpecificCredentialOperations {

    static final int MAX_PER_USER_PER_SERVICE = 2;
    private static final int MAX_CREDENTIAL_AGE_DAYS = 36_600;

    private final Account account;

    ServiceSpecificCredentialOperations(Account account) {
        this.account = account;
    }

    ListServiceSpecificCredentialsResponse listServiceSpecificCredentials(ListServiceSpecificCredentialsRequest request) {
        String serviceName = Inputs.checkOptional(InputRule.SERVICE_NAME, request.serviceName());
        Stream<UserState> users = Boolean.TRUE.equals(request.allUsers())
                ? account.users().stream()
                : Stream.of(account.requireUser(account.userNameOrCaller(request.userName())));
        List<Owned> credentials = users
                .flatMap(user -> user.serviceCredentials.values().stream().map(c -> new Owned(user.name(), c)))
                .filter(owned -> serviceName == null || owned.credential().serviceName().equals(serviceName))
                .toList();
        Page<Owned> page = account.paginator().page("ListServiceSpecificCredentials", credentials,
                owned -> Paginator.bySequence(owned.credential().sequence()), request.marker(), request.maxItems());
        List<ServiceSpecificCredentialMetadata> items = page.items().stream()
                .map(owned -> owned.credential().toSdk(owned.userName()))
                .toList();
        return ListServiceSpecificCredentialsResponse.builder()
                .serviceSpecificCredentials(items)
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    UpdateServiceSpecificCredentialResponse updateServiceSpecificCredential(UpdateServiceSpecificCredentialRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        String id = Inputs.check(InputRule.SERVICE_SPECIFIC_CREDENTIAL_ID, request.serviceSpecificCredentialId());
        String status = Inputs.status("status", request.status(), request.statusAsString());
        UserState user = account.requireUser(userName);
        ServiceCredentialRecord credential = requireCredential(user, id);
        user.serviceCredentials.put(id, credential.withStatus(status));
        return UpdateServiceSpecificCredentialResponse.builder().build();
    }

    DeleteServiceSpecificCredentialResponse deleteServiceSpecificCredential(DeleteServiceSpecificCredentialRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        String id = Inputs.check(InputRule.SERVICE_SPECIFIC_CREDENTIAL_ID, request.serviceSpecificCredentialId());
        UserState user = account.requireUser(userName);
        ServiceCredentialRecord credential = requireCredential(user, id);
        user.serviceCredentials.remove(id);
        account.removed(user, Blocker.serviceSpecificCredential(credential));
        return DeleteServiceSpecificCredentialResponse.builder().build();
    }

    /** The only answer that carries the service password; the simulator keeps no copy of it. */
    CreateServiceSpecificCredentialResponse createServiceSpecificCredential(CreateServiceSpecificCredentialRequest request) {
        String userName = Inputs.check(InputRule.USER_NAME, request.userName());
        String serviceName = Inputs.check(InputRule.SERVICE_NAME, request.serviceName());
        Integer ageDays = request.credentialAgeDays();
        if (ageDays != null && (ageDays < 1 || ageDays > MAX_CREDENTIAL_AGE_DAYS)) {
            throw IamErrors.validation("1 validation error detected: Value '" + ageDays + "' at 'credentialAgeDays' "
                    + "failed to satisfy constraint: Member must have value between 1 and " + MAX_CREDENTIAL_AGE_DAYS);
        }
        UserState user = account.requireUser(userName);
        long sameService = user.serviceCredentials.values().stream()
                .filter(c -> c.serviceName().equals(serviceName)).count();
        if (sameService >= MAX_PER_USER_PER_SERVICE) {
            throw IamErrors.limitExceeded("ServiceSpecificCredentialsPerUserPerService", MAX_PER_USER_PER_SERVICE);
        }
        ServiceCredentialRecord credential = new ServiceCredentialRecord(account.ids.serviceSpecificCredentialId(),
                serviceName, serviceUserName(user.name()), StatusType.ACTIVE.toString(), account.now(),
                ageDays == null ? null : account.now().plus(Duration.ofDays(ageDays)), account.nextSequence());
        user.serviceCredentials.put(credential.serviceSpecificCredentialId(), credential);
        return CreateServiceSpecificCredentialResponse.builder()
                .serviceSpecificCredential(ServiceSpecificCredential.builder()
                        .userName(user.name())
                        .serviceSpecificCredentialId(credential.serviceSpecificCredentialId())
                        .serviceName(serviceName)
                        .serviceUserName(credential.serviceUserName())
                        .servicePassword(account.ids.secret(44))
                        .status(credential.status())
                        .createDate(credential.createDate())
                        .expirationDate(credential.expirationDate())
                        .build())
                .build();
    }

    String serviceUserName(String userName) {
        return userName + "-at-" + account.accountId;
    }

    private static ServiceCredentialRecord requireCredential(UserState user, String id) {
        ServiceCredentialRecord credential = user.serviceCredentials.get(id);
        if (credential == null) {
            throw IamErrors.noSuchEntity("No such credential " + id + " exists for user " + user.name() + ".");
        }
        return credential;
    }

    private record Owned(String userName, ServiceCredentialRecord credential) {
    }
}
