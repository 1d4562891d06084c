package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bucket of the records keeps an audit trail: every version kept (versioning), encrypted at rest, never public
 * (the four Block Public Access settings, ACLs disabled by BucketOwnerEnforced), reachable only over TLS (a bucket
 * policy that denies any request without it, on the bucket and on its objects), kept when the stack goes
 * (DeletionPolicy and UpdateReplacePolicy Retain), noncurrent versions expired after the configured days and current
 * ones only when asked, and S3 Object Lock exactly when the parameter chooses a mode.
 */
class RecordsBucketTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    private static final Set<String> ENCRYPTIONS = Set.of("AES256", "aws:kms", "aws:kms:dsse");
    private static final List<String> BLOCK_PUBLIC_ACCESS = List.of("BlockPublicAcls", "BlockPublicPolicy",
            "IgnorePublicAcls", "RestrictPublicBuckets");

    /** What is wrong with the records' bucket as deployed with these parameters. */
    static List<String> bucketProblems(Template deployed) {
        RecordsLocation records = RecordsLocation.of(deployed);
        JsonNode bucket = records.bucket(deployed);
        JsonNode properties = bucket.path("Properties");
        List<String> problems = new ArrayList<>();
        for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
            if (!"Retain".equals(bucket.path(policy).asText())) {
                problems.add(policy + " is not Retain: deleting or replacing the stack would delete the records");
            }
        }
        if (!"Enabled".equals(properties.path("VersioningConfiguration").path("Status").asText())) {
            problems.add("versioning is not Enabled: a rewrite or delete would leave no trace");
        }
        JsonNode encryption = properties.path("BucketEncryption").path("ServerSideEncryptionConfiguration");
        if (encryption.isEmpty()) {
            problems.add("no default encryption");
        }
        for (JsonNode rule : encryption) {
            String algorithm = rule.path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText();
            if (!ENCRYPTIONS.contains(algorithm)) {
                problems.add("default encryption " + algorithm + " is none of " + ENCRYPTIONS);
            }
        }
        for (String setting : BLOCK_PUBLIC_ACCESS) {
            if (!"true".equals(properties.path("PublicAccessBlockConfiguration").path(setting).asText())) {
                problems.add("Block Public Access " + setting + " is not true");
            }
        }
        if (!"BucketOwnerEnforced".equals(properties.path("OwnershipControls").path("Rules").path(0)
                .path("ObjectOwnership").asText())) {
            problems.add("ObjectOwnership is not BucketOwnerEnforced: ACLs would still grant access");
        }
        problems.addAll(lifecycleProblems(deployed, properties.path("LifecycleConfiguration")));
        problems.addAll(objectLockProblems(deployed, properties));
        problems.addAll(tlsProblems(deployed, records));
        return problems;
    }

    private static List<String> lifecycleProblems(Template deployed, JsonNode lifecycle) {
        String noncurrentDays = deployed.parameterDefault("RecordsNoncurrentVersionDays");
        String retentionDays = deployed.parameterDefault("RecordsRetentionDays");
        List<String> problems = new ArrayList<>();
        JsonNode rule = null;
        for (JsonNode candidate : lifecycle.path("Rules")) {
            if ("Enabled".equals(candidate.path("Status").asText()) && !candidate.has("Prefix")
                    && !candidate.has("TagFilters")) {
                rule = candidate;
            }
        }
        if (rule == null) {
            return List.of("no enabled lifecycle rule covers the whole bucket");
        }
        if (!noncurrentDays.equals(rule.path("NoncurrentVersionExpiration").path("NoncurrentDays").asText())) {
            problems.add("noncurrent versions do not expire after RecordsNoncurrentVersionDays (" + noncurrentDays
                    + "): " + rule.path("NoncurrentVersionExpiration"));
        }
        String expiration = rule.path("ExpirationInDays").asText();
        if (retentionDays.equals("0") ? rule.has("ExpirationInDays") : !retentionDays.equals(expiration)) {
            problems.add("current versions expire after \"" + expiration + "\" days, RecordsRetentionDays is "
                    + retentionDays + " (0: never)");
        }
        return problems;
    }

    private static List<String> objectLockProblems(Template deployed, JsonNode properties) {
        String mode = deployed.parameterDefault("RecordsObjectLockMode");
        boolean enabled = properties.path("ObjectLockEnabled").asText().equals("true");
        JsonNode configuration = properties.path("ObjectLockConfiguration");
        if (mode.equals("NONE")) {
            return enabled || !configuration.isMissingNode()
                    ? List.of("Object Lock is on though RecordsObjectLockMode is NONE") : List.of();
        }
        JsonNode retention = configuration.path("Rule").path("DefaultRetention");
        if (!enabled || !"Enabled".equals(configuration.path("ObjectLockEnabled").asText())
                || !mode.equals(retention.path("Mode").asText())
                || !deployed.parameterDefault("RecordsObjectLockDays").equals(retention.path("Days").asText())
                || retention.has("Years")) {
            return List.of("RecordsObjectLockMode is " + mode + " for " + deployed.parameterDefault(
                    "RecordsObjectLockDays") + " days, the bucket has ObjectLockEnabled " + properties.path(
                    "ObjectLockEnabled") + " and " + configuration);
        }
        return List.of();
    }

    /** Each request to the bucket or its objects, from a principal its own IAM policies allow: refused without TLS. */
    private static List<String> tlsProblems(Template deployed, RecordsLocation records) {
        List<JsonNode> statements = new ArrayList<>();
        deployed.resources("AWS::S3::BucketPolicy").values().stream()
                .filter(p -> records.bucketId().equals(p.path("Properties").path("Bucket").path("Ref").asText()))
                .forEach(p -> statements.addAll(Policy.of(p.path("Properties").path("PolicyDocument")).statements()));
        Policy policy = new Policy(statements);
        Policy.Principal function = Policy.Principal.role(MemberAccountRolesTest.functionRole(RecordsLocation.FUNCTION));
        Map<String, String> requests = Map.of(
                "s3:GetObject", records.objectArn(records.prefix() + "a/b.json"),
                "s3:PutObject", records.objectArn(records.prefix() + "a/b.json"),
                "s3:DeleteObject", records.objectArn("elsewhere.json"),
                "s3:ListBucket", records.bucketArn(),
                "s3:PutBucketPolicy", records.bucketArn());
        List<String> problems = new ArrayList<>();
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket",
                "s3:PutBucketPolicy")) {
            for (String secure : List.of("false", "true")) {
                boolean allowed = policy.allowsWithIdentityPolicyAllowing(new Policy.Request(function, action,
                        requests.get(action), Map.of("aws:SecureTransport", secure)), Stack.ACCOUNT_ID);
                if (allowed != secure.equals("true")) {
                    problems.add(action + " of " + requests.get(action) + (secure.equals("true")
                            ? " over TLS is refused" : " without TLS is not refused"));
                }
            }
        }
        return problems;
    }

    private static Template deployedWith(String template, String... parameters) {
        Map<String, String> values = Deployments.homeOnly();
        for (int i = 0; i < parameters.length; i += 2) {
            values = Deployments.with(values, parameters[i], parameters[i + 1]);
        }
        return Deployments.deployed(template, values);
    }

    @Test
    void eachWayOfDeployingGivesABucketThatKeepsTheAuditTrail() {
        assertEquals(List.of(), bucketProblems(deployedWith(TEMPLATE)));
        assertEquals(List.of(), bucketProblems(deployedWith(TEMPLATE, "RecordsRetentionDays", "3650",
                "RecordsNoncurrentVersionDays", "400")));
        for (String mode : List.of("GOVERNANCE", "COMPLIANCE")) {
            assertEquals(List.of(), bucketProblems(deployedWith(TEMPLATE, "RecordsObjectLockMode", mode,
                    "RecordsObjectLockDays", "2557")), mode);
        }
    }

    @Test
    void byDefaultRecordsAreKeptForeverTheirEarlierVersionsSevenYearsAndNothingIsLocked() {
        JsonNode properties = RecordsLocation.of(deployedWith(TEMPLATE)).bucket(deployedWith(TEMPLATE))
                .path("Properties");

        JsonNode rule = properties.path("LifecycleConfiguration").path("Rules").path(0);
        assertTrue(rule.path("ExpirationInDays").isMissingNode(), rule.toString());
        assertEquals("2557", rule.path("NoncurrentVersionExpiration").path("NoncurrentDays").asText());
        assertTrue(properties.path("ObjectLockEnabled").isMissingNode(), properties.toString());
    }

    @Test
    void aBucketWithoutVersioningIsReported() {
        Template broken = deployedWith(TEMPLATE.replace("      VersioningConfiguration:\n        Status: Enabled\n",
                "      VersioningConfiguration:\n        Status: Suspended\n"));

        assertEquals(List.of("versioning is not Enabled: a rewrite or delete would leave no trace"),
                bucketProblems(broken));
    }

    @Test
    void aBucketThatMayBecomePublicIsReported() {
        Template broken = deployedWith(TEMPLATE.replace("        RestrictPublicBuckets: true\n",
                "        RestrictPublicBuckets: false\n"));

        assertEquals(List.of("Block Public Access RestrictPublicBuckets is not true"), bucketProblems(broken));
    }

    @Test
    void aBucketWithoutEncryptionOrWithAclsIsReported() {
        String encryption = TEMPLATE.substring(TEMPLATE.indexOf("      BucketEncryption:\n"),
                TEMPLATE.indexOf("      PublicAccessBlockConfiguration:\n"));
        Template broken = deployedWith(TEMPLATE.replace(encryption, "")
                .replace("ObjectOwnership: BucketOwnerEnforced", "ObjectOwnership: ObjectWriter"));

        assertEquals(List.of("no default encryption",
                "ObjectOwnership is not BucketOwnerEnforced: ACLs would still grant access"), bucketProblems(broken));
    }

    @Test
    void aBucketTheStackWouldDeleteIsReported() {
        Template broken = deployedWith(TEMPLATE.replace("""
                  RecordsBucket:
                    Type: AWS::S3::Bucket
                    DeletionPolicy: Retain
                """, """
                  RecordsBucket:
                    Type: AWS::S3::Bucket
                    DeletionPolicy: Delete
                """));

        assertEquals(List.of("DeletionPolicy is not Retain: deleting or replacing the stack would delete the records"),
                bucketProblems(broken));
    }

    @Test
    void aTlsDenyOnTheObjectsOnlyIsReported() {
        Template broken = deployedWith(TEMPLATE.replace(
                "              - !Sub arn:${AWS::Partition}:s3:::${RecordsBucket}\n", ""));

        assertEquals(List.of("s3:ListBucket of arn:aws:s3:::${RecordsBucket} without TLS is not refused",
                "s3:PutBucketPolicy of arn:aws:s3:::${RecordsBucket} without TLS is not refused"),
                bucketProblems(broken));
    }

    @Test
    void aDenyThatRefusesEverythingIsReportedToo() {
        Template broken = deployedWith(TEMPLATE.replace("                aws:SecureTransport: \"false\"\n",
                "                aws:SecureTransport: [\"false\", \"true\"]\n"));

        assertTrue(bucketProblems(broken).contains("s3:GetObject of arn:aws:s3:::${RecordsBucket}/records/a/b.json"
                + " over TLS is refused"), bucketProblems(broken).toString());
    }

    @Test
    void aLifecycleThatKeepsNoncurrentVersionsForeverOrExpiresRecordsUnaskedIsReported() {
        String noncurrent = """
                            NoncurrentVersionExpiration:
                              NoncurrentDays: !Ref RecordsNoncurrentVersionDays
                """;
        assertEquals(List.of("noncurrent versions do not expire after RecordsNoncurrentVersionDays (2557): "),
                bucketProblems(deployedWith(TEMPLATE.replace(noncurrent, ""))));

        Template broken = deployedWith(TEMPLATE.replace(
                "ExpirationInDays: !If [RecordsExpire, !Ref RecordsRetentionDays, !Ref AWS::NoValue]",
                "ExpirationInDays: 365"));
        assertEquals(List.of("current versions expire after \"365\" days, RecordsRetentionDays is 0 (0: never)"),
                bucketProblems(broken));
    }

    @Test
    void objectLockOnWhateverTheParameterSaysIsReported() {
        Template broken = deployedWith(TEMPLATE.replace(
                "ObjectLockEnabled: !If [LocksRecords, true, !Ref AWS::NoValue]", "ObjectLockEnabled: true"));

        assertEquals(List.of("Object Lock is on though RecordsObjectLockMode is NONE"), bucketProblems(broken));
    }

    @Test
    void objectLockInAnotherModeThanChosenIsReported() {
        Template broken = deployedWith(TEMPLATE.replace("Mode: !Ref RecordsObjectLockMode", "Mode: GOVERNANCE"),
                "RecordsObjectLockMode", "COMPLIANCE");

        assertEquals(1, bucketProblems(broken).size(), bucketProblems(broken).toString());
        assertTrue(bucketProblems(broken).get(0).startsWith("RecordsObjectLockMode is COMPLIANCE for 365 days"),
                bucketProblems(broken).toString());
    }

    @Test
    void theRecordsParametersAreCheckedAsCloudFormationWould() {
        Template template = Template.parse(TEMPLATE);

        assertEquals(List.of("RecordsObjectLockMode refuses \"LEGAL_HOLD\" (AllowedValues [NONE, GOVERNANCE,"
                + " COMPLIANCE])"), Stack.refusals(template, Deployments.with(Deployments.homeOnly(),
                "RecordsObjectLockMode", "LEGAL_HOLD")));
        assertEquals(List.of("RecordsObjectLockDays refuses \"0\" (MinValue 1)"), Stack.refusals(template,
                Deployments.with(Deployments.homeOnly(), "RecordsObjectLockDays", "0")));
        assertEquals(List.of("RecordsRetentionDays refuses \"-1\" (MinValue 0)"), Stack.refusals(template,
                Deployments.with(Deployments.homeOnly(), "RecordsRetentionDays", "-1")));
    }
}
