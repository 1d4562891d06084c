package dev.offboarding.simulator;

import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateResponse;

/** X.509 signing certificates. */
final class SigningCertificateOperations {

    static final int MAX_CERTIFICATES_PER_USER = 2;
    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private final Account account;

    SigningCertificateOperations(Account account) {
        this.account = account;
    }

    ListSigningCertificatesResponse listSigningCertificates(ListSigningCertificatesRequest request) {
        UserState user = account.requireUser(account.userNameOrCaller(request.userName()));
        Page<SigningCertificateRecord> page = account.paginator().page("ListSigningCertificates",
                user.signingCertificates.values(), cert -> Paginator.bySequence(cert.sequence()),
                request.marker(), request.maxItems());
        return ListSigningCertificatesResponse.builder()
                .certificates(page.items().stream().map(cert -> cert.toSdk(user.name())).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    UpdateSigningCertificateResponse updateSigningCertificate(UpdateSigningCertificateRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        String certificateId = Inputs.check(InputRule.CERTIFICATE_ID, request.certificateId());
        String status = Inputs.status("status", request.status(), request.statusAsString());
        UserState user = account.requireUser(userName);
        SigningCertificateRecord cert = requireCertificate(user, certificateId);
        user.signingCertificates.put(certificateId, cert.withStatus(status));
        return UpdateSigningCertificateResponse.builder().build();
    }

    DeleteSigningCertificateResponse deleteSigningCertificate(DeleteSigningCertificateRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        String certificateId = Inputs.check(InputRule.CERTIFICATE_ID, request.certificateId());
        UserState user = account.requireUser(userName);
        requireCertificate(user, certificateId);
        user.signingCertificates.remove(certificateId);
        account.removed(user, Blocker.signingCertificate(certificateId));
        return DeleteSigningCertificateResponse.builder().build();
    }

    UploadSigningCertificateResponse uploadSigningCertificate(UploadSigningCertificateRequest request) {
        String userName = account.userNameOrCaller(request.userName());
        String body = Inputs.required("certificateBody", request.certificateBody());
        if (!body.contains(PEM_CERTIFICATE)) {
            throw IamErrors.malformedCertificate("Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
        UserState user = account.requireUser(userName);
        boolean inUse = account.users().stream()
                .flatMap(u -> u.signingCertificates.values().stream())
                .anyMatch(cert -> cert.certificateBody().equals(body));
        if (inUse) {
            throw IamErrors.duplicateCertificate("The request was rejected because the same certificate is associated "
                    + "with an IAM user in the account.");
        }
        if (user.signingCertificates.size() >= MAX_CERTIFICATES_PER_USER) {
            throw IamErrors.limitExceeded("SigningCertificatesPerUser", MAX_CERTIFICATES_PER_USER);
        }
        SigningCertificateRecord cert = new SigningCertificateRecord(account.ids.certificateId(), body,
                StatusType.ACTIVE.toString(), account.now(), account.nextSequence());
        user.signingCertificates.put(cert.certificateId(), cert);
        return UploadSigningCertificateResponse.builder().certificate(cert.toSdk(user.name())).build();
    }

    private static SigningCertificateRecord requireCertificate(UserState user, String certificateId) {
        SigningCertificateRecord cert = user.signingCertificates.get(certificateId);
        if (cert == null) {
            throw IamErrors.noSuchEntity("The Certificate with id " + certificateId + " cannot be found.");
        }
        return cert;
    }
}
