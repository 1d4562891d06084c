package dev.offboarding.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** list-tokens' IAM calls, one after another, written as a starter project would write them. */
public class ListTokensBaseline implements RequestStreamHandler {
    // As AWS's IAM examples build it: builder defaults (apache-client, default credential and region chains).
    private final IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).build();
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String user = mapper.readTree(input).get("userName").asText();
        Map<String, Object> inventory = new LinkedHashMap<>();
        inventory.put("userName", user);
        inventory.put("arn", iam.getUser(r -> r.userName(user)).user().arn());
        try {
            inventory.put("loginProfile", iam.getLoginProfile(r -> r.userName(user)).loginProfile().createDate().toString());
        } catch (NoSuchEntityException e) {
            inventory.put("loginProfile", null);
        }
        List<Object> keys = new ArrayList<>();
        iam.listAccessKeysPaginator(r -> r.userName(user)).accessKeyMetadata().forEach(k -> keys.add(Map.of(
                "id", k.accessKeyId(), "lastUsed",
                String.valueOf(iam.getAccessKeyLastUsed(r -> r.accessKeyId(k.accessKeyId())).accessKeyLastUsed()))));
        inventory.put("accessKeys", keys);
        inventory.put("signingCertificates", iam.listSigningCertificatesPaginator(r -> r.userName(user)).certificates()
                .stream().map(c -> c.certificateId()).toList());
        inventory.put("sshPublicKeys", iam.listSSHPublicKeysPaginator(r -> r.userName(user)).sshPublicKeys().stream()
                .map(k -> k.sshPublicKeyId()).toList());
        inventory.put("serviceSpecificCredentials", iam.listServiceSpecificCredentials(r -> r.userName(user))
                .serviceSpecificCredentials().stream().map(c -> c.serviceSpecificCredentialId()).toList());
        inventory.put("mfaDevices", iam.listMFADevicesPaginator(r -> r.userName(user)).mfaDevices().stream()
                .map(d -> d.serialNumber()).toList());
        List<Object> policies = new ArrayList<>();
        iam.listUserPoliciesPaginator(r -> r.userName(user)).policyNames().forEach(name -> policies.add(Map.of(
                "name", name, "document", iam.getUserPolicy(r -> r.userName(user).policyName(name)).policyDocument())));
        inventory.put("inlinePolicies", policies);
        inventory.put("attachedPolicies", iam.listAttachedUserPoliciesPaginator(r -> r.userName(user))
                .attachedPolicies().stream().map(p -> p.policyArn()).toList());
        inventory.put("groups", iam.listGroupsForUserPaginator(r -> r.userName(user)).groups().stream()
                .map(g -> g.groupName()).toList());
        mapper.writeValue(output, inventory);
    }
}
