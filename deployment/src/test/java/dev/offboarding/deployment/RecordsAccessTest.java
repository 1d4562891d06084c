package dev.offboarding.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Who may touch the records in S3: exactly the two functions that keep them, record-outcome (each offboarding's
 * record) and reinstate-user (which reads the user's records and writes its own), and each only the objects under
 * its RECORDS_PREFIX of the bucket its RECORDS_BUCKET names (the same for both), with exactly the calls of its record
 * store: s3:PutObject and s3:GetObject on {@code <bucket>/records/*}, s3:ListBucket of the bucket only for a prefix
 * under records/ (the condition key s3:prefix), nothing that deletes, rewrites a lock or reads another prefix. Besides
 * them, the fleet workflow writes only under {@code records/fleet/} (see {@link #fleetProblems}). Which
 * actions their code calls is checked with every function's in EachFunctionIsGrantedExactlyWhatItsCodeCallsTest, from
 * its compiled classes and those of the modules it is built with (records' S3RecordStore).
 */
class RecordsAccessTest {
    private static final String TEMPLATE = Repository.read(Repository.TEMPLATE);
    private static final String RECORD = Stack.ACCOUNT_ID + "/little_tester/20261202T013000Z_run-1.json";

    private static Template deployed(String template) {
        return Deployments.deployed(template, Deployments.homeOnly());
    }

    /** An S3 request: action, resource and the condition keys it carries. */
    private record Probe(String action, String resource, Map<String, String> context) {
        static Probe on(String action, String resource) {
            return new Probe(action, resource, Map.of());
        }

        static Probe listing(String bucketArn, String prefix) {
            Map<String, String> context = new HashMap<>();
            if (prefix != null) {
                context.put("s3:prefix", prefix);
            }
            return new Probe("s3:ListBucket", bucketArn, context);
        }

        @Override
        public String toString() {
            return action + " " + resource + (context.isEmpty() ? "" : " " + context);
        }
    }

    /** What each function that keeps records may do in S3 against what it should, request by request. */
    static List<String> recordFunctionProblems(Template deployed) {
        List<String> problems = new ArrayList<>();
        for (String writer : RecordsLocation.WRITERS) {
            problems.addAll(recordFunctionProblems(deployed, writer));
        }
        return problems;
    }

    static List<String> recordFunctionProblems(Template deployed, String function) {
        RecordsLocation records = RecordsLocation.of(deployed);
        String prefix = records.prefix();
        Map<Probe, Boolean> probes = new LinkedHashMap<>();
        for (String action : List.of("s3:PutObject", "s3:GetObject")) {
            probes.put(Probe.on(action, records.objectArn(prefix + RECORD)), true);
            probes.put(Probe.on(action, records.objectArn("other/" + RECORD)), false);
            probes.put(Probe.on(action, records.objectArn(RECORD)), false);
            probes.put(Probe.on(action, "arn:aws:s3:::another-bucket/" + prefix + RECORD), false);
        }
        probes.put(Probe.listing(records.bucketArn(), prefix + Stack.ACCOUNT_ID + "/little_tester/"), true);
        probes.put(Probe.listing(records.bucketArn(), prefix), true);
        probes.put(Probe.listing(records.bucketArn(), "other/"), false);
        probes.put(Probe.listing(records.bucketArn(), ""), false);
        probes.put(Probe.listing(records.bucketArn(), null), false);
        probes.put(Probe.listing("arn:aws:s3:::another-bucket", prefix), false);
        for (String action : List.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObjectVersion",
                "s3:PutObjectRetention", "s3:PutObjectLegalHold", "s3:BypassGovernanceRetention", "s3:PutObjectAcl")) {
            probes.put(Probe.on(action, records.objectArn(prefix + RECORD)), false);
        }
        for (String action : List.of("s3:ListBucketVersions", "s3:PutBucketPolicy", "s3:DeleteBucket",
                "s3:PutLifecycleConfiguration", "s3:PutBucketVersioning", "s3:PutBucketObjectLockConfiguration")) {
            probes.put(Probe.on(action, records.bucketArn()), false);
        }
        Policy policy = new Policy(deployed.statements(function));
        List<String> problems = new ArrayList<>();
        probes.forEach((probe, expected) -> {
            boolean may = policy.allows(new Policy.Request(null, probe.action(), probe.resource(), probe.context()));
            if (may != expected) {
                problems.add(function + (may ? " may " : " may not ") + probe);
            }
        });
        return problems;
    }

    /** The fleet workflow's parts that touch the records, each only as {@link #fleetProblems} allows. */
    static final List<String> FLEET = List.of("SelectUsersFunction", "FleetRunFunction", "OffboardFleetStateMachine");
    private static final String FLEET_FILE = "fleet/stale-2026-12/run-1/offboard/" + Stack.ACCOUNT_ID + ".json";

    /**
     * The fleet workflow in S3: select-users reads the usersFrom lists and writes the candidates, both under
     * records/fleet/; fleet-run reads the children's records (anywhere under records/, listing a user's) and writes
     * only under records/fleet/; the state machine's Distributed Maps read their items (ItemReader) and write their
     * results (ResultWriter, in multipart uploads) under records/fleet/. None deletes, rewrites a lock or touches
     * another prefix or bucket.
     */
    static List<String> fleetProblems(Template deployed) {
        RecordsLocation records = RecordsLocation.of(deployed);
        String prefix = records.prefix();
        String fleetFile = records.objectArn(prefix + FLEET_FILE);
        String userRecord = records.objectArn(prefix + RECORD);
        Map<String, Set<String>> onFleetFiles = Map.of(
                "SelectUsersFunction", Set.of("s3:GetObject", "s3:PutObject"),
                "FleetRunFunction", Set.of("s3:GetObject", "s3:PutObject"),
                "OffboardFleetStateMachine", Set.of("s3:GetObject", "s3:PutObject", "s3:ListMultipartUploadParts",
                        "s3:AbortMultipartUpload"));
        List<String> objectActions = List.of("s3:GetObject", "s3:PutObject", "s3:ListMultipartUploadParts",
                "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectRetention",
                "s3:PutObjectLegalHold", "s3:BypassGovernanceRetention", "s3:PutObjectAcl");
        List<String> problems = new ArrayList<>();
        for (String id : FLEET) {
            boolean readsRecords = id.equals("FleetRunFunction");
            Map<Probe, Boolean> probes = new LinkedHashMap<>();
            for (String action : objectActions) {
                boolean onFleet = onFleetFiles.get(id).contains(action);
                probes.put(Probe.on(action, fleetFile), onFleet);
                probes.put(Probe.on(action, userRecord), readsRecords && action.equals("s3:GetObject"));
                probes.put(Probe.on(action, records.objectArn("other/" + FLEET_FILE)), false);
                probes.put(Probe.on(action, "arn:aws:s3:::another-bucket/" + prefix + FLEET_FILE), false);
            }
            probes.put(Probe.listing(records.bucketArn(), prefix + Stack.ACCOUNT_ID + "/little_tester/"), readsRecords);
            probes.put(Probe.listing(records.bucketArn(), "other/"), false);
            probes.put(Probe.listing(records.bucketArn(), null), false);
            probes.put(Probe.listing("arn:aws:s3:::another-bucket", prefix), false);
            Policy policy = new Policy(deployed.statements(id));
            probes.forEach((probe, expected) -> {
                boolean may = policy.allows(new Policy.Request(null, probe.action(), probe.resource(),
                        probe.context()));
                if (may != expected) {
                    problems.add(id + (may ? " may " : " may not ") + probe);
                }
            });
        }
        return problems;
    }

    /**
     * Every resource of the template that is granted an S3 action, other than the two that keep the records and the
     * fleet workflow's parts.
     */
    static List<String> othersTouchingS3(Template deployed) {
        List<String> problems = new ArrayList<>();
        deployed.root().path("Resources").fieldNames().forEachRemaining(id -> {
            for (String action : LeastPrivilege.granted(deployed, id)) {
                if (action.toLowerCase().startsWith("s3:") && !RecordsLocation.WRITERS.contains(id)
                        && !FLEET.contains(id)) {
                    problems.add(id + " is granted " + action + ": only " + String.join(" and ",
                            RecordsLocation.WRITERS) + " touch the records");
                }
            }
        });
        return problems;
    }

    @Test
    void theTwoFunctionsThatKeepRecordsMayReadAndWriteOnlyUnderTheirPrefixAndListOnlyThere() {
        Template deployed = deployed(TEMPLATE);

        assertEquals(new RecordsLocation("RecordsBucket", "records/"), RecordsLocation.of(deployed));
        assertEquals(new RecordsLocation("RecordsBucket", "records/"),
                RecordsLocation.of(deployed, "ReinstateUserFunction"), "a reinstate reads where offboardings write");
        assertEquals(List.of("RecordOutcomeFunction", "ReinstateUserFunction"), RecordsLocation.WRITERS);
        assertEquals(List.of(), recordFunctionProblems(deployed));
    }

    @Test
    void writesGrantedOnTheWholeBucketAreReported() {
        Template broken = deployed(TEMPLATE.replace("s3:::${RecordsBucket}/records/*", "s3:::${RecordsBucket}/*"));

        List<String> expected = new ArrayList<>();
        for (String writer : RecordsLocation.WRITERS) {
            expected.addAll(List.of(writer + " may s3:PutObject arn:aws:s3:::${RecordsBucket}/other/" + RECORD,
                    writer + " may s3:PutObject arn:aws:s3:::${RecordsBucket}/" + RECORD,
                    writer + " may s3:GetObject arn:aws:s3:::${RecordsBucket}/other/" + RECORD,
                    writer + " may s3:GetObject arn:aws:s3:::${RecordsBucket}/" + RECORD));
        }
        assertEquals(expected, recordFunctionProblems(broken));
    }

    @Test
    void aListingWithoutThePrefixConditionIsReported() {
        Template broken = deployed(TEMPLATE.replace("""
                              Condition:
                                StringLike:
                                  s3:prefix: records/*
                """, ""));

        List<String> expected = new ArrayList<>();
        for (String writer : RecordsLocation.WRITERS) {
            expected.addAll(List.of(writer + " may s3:ListBucket arn:aws:s3:::${RecordsBucket} {s3:prefix=other/}",
                    writer + " may s3:ListBucket arn:aws:s3:::${RecordsBucket} {s3:prefix=}",
                    writer + " may s3:ListBucket arn:aws:s3:::${RecordsBucket}"));
        }
        assertEquals(expected, recordFunctionProblems(broken));
    }

    @Test
    void aPrefixOtherThanTheFunctionsIsReported() {
        Template broken = deployed(TEMPLATE.replace("RECORDS_PREFIX: records/", "RECORDS_PREFIX: audit/"));

        List<String> problems = recordFunctionProblems(broken);

        for (String writer : RecordsLocation.WRITERS) {
            assertTrue(problems.contains(writer + " may not s3:PutObject arn:aws:s3:::${RecordsBucket}/audit/"
                    + RECORD), problems.toString());
            assertTrue(problems.contains(writer + " may not s3:ListBucket arn:aws:s3:::${RecordsBucket}"
                    + " {s3:prefix=audit/}"), problems.toString());
        }
    }

    @Test
    void aReinstateThatKeepsItsRecordsElsewhereThanTheOffboardingsIsReported() {
        String reinstate = TEMPLATE.substring(TEMPLATE.indexOf("  ReinstateUserFunction:\n"));
        String elsewhere = TEMPLATE.replace(reinstate, reinstate.replaceFirst("RECORDS_PREFIX: records/",
                "RECORDS_PREFIX: reinstates/"));

        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> RecordsLocation.of(deployed(elsewhere)));

        assertTrue(e.getMessage().startsWith("ReinstateUserFunction keeps its records at"), e.getMessage());
    }

    @Test
    void aDeleteGrantedToAFunctionThatKeepsRecordsIsReported() {
        Template broken = deployed(TEMPLATE.replace("                - s3:PutObject\n",
                "                - s3:PutObject\n                - s3:DeleteObject\n"));

        assertEquals(List.of("RecordOutcomeFunction may s3:DeleteObject arn:aws:s3:::${RecordsBucket}/records/" + RECORD,
                "ReinstateUserFunction may s3:DeleteObject arn:aws:s3:::${RecordsBucket}/records/" + RECORD),
                recordFunctionProblems(broken));
    }

    @Test
    void onlyTheTwoFunctionsThatKeepRecordsTouchS3() {
        for (Map<String, String> deployment : List.of(Deployments.homeOnly(), Deployments.memberAccounts())) {
            assertEquals(List.of(), othersTouchingS3(Deployments.deployed(TEMPLATE, deployment)));
        }
    }

    @Test
    void theFleetWorkflowWritesOnlyUnderTheFleetFolderAndOnlyFleetRunReadsTheRecords() {
        for (Map<String, String> deployment : List.of(Deployments.homeOnly(), Deployments.memberAccounts())) {
            assertEquals(List.of(), fleetProblems(Deployments.deployed(TEMPLATE, deployment)));
        }
    }

    @Test
    void aFleetPartThatMayWriteTheSingleUserRecordsIsReported() {
        Template broken = deployed(TEMPLATE.replace(
                "s3:::${RecordsBucket}/records/fleet/*", "s3:::${RecordsBucket}/records/*"));

        List<String> problems = fleetProblems(broken);

        assertTrue(problems.contains("SelectUsersFunction may s3:PutObject arn:aws:s3:::${RecordsBucket}/records/"
                + RECORD), problems.toString());
        assertTrue(problems.contains("FleetRunFunction may s3:PutObject arn:aws:s3:::${RecordsBucket}/records/"
                + RECORD), problems.toString());
        assertTrue(problems.contains("OffboardFleetStateMachine may s3:PutObject arn:aws:s3:::${RecordsBucket}/records/"
                + RECORD), problems.toString());
    }

    @Test
    void aStateMachineGrantedS3IsReported() {
        Template broken = deployed(TEMPLATE.replace("""
                            - Sid: AnnounceOnlyOnItsBus
                              Effect: Allow
                              Action:
                                - events:PutEvents
                """, """
                            - Sid: AnnounceOnlyOnItsBus
                              Effect: Allow
                              Action:
                                - events:PutEvents
                                - s3:PutObject
                """));

        assertEquals(List.of("OffboardUserStateMachine is granted s3:PutObject: only RecordOutcomeFunction and"
                + " ReinstateUserFunction touch the records"), othersTouchingS3(broken));
    }

    // ---- how the S3 calls of code are read ----------------------------------------------------------------------

    private static final String S3_CLIENT = "software/amazon/awssdk/services/s3/S3Client";

    /** A class whose methods each call the given methods ({@code owner.name}) and nothing else. */
    private static void writeClass(Path directory, String name, Map<String, List<String>> methods) throws IOException {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        methods.forEach((method, calls) -> {
            MethodVisitor code = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method, "()V", null, null);
            code.visitCode();
            for (String call : calls) {
                int dot = call.lastIndexOf('.');
                boolean client = call.startsWith(S3_CLIENT);
                code.visitMethodInsn(client ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKESTATIC, call.substring(0, dot),
                        call.substring(dot + 1), "()V", client);
            }
            code.visitInsn(Opcodes.RETURN);
            code.visitMaxs(0, 0);
            code.visitEnd();
        });
        writer.visitEnd();
        Path file = directory.resolve(name + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, writer.toByteArray());
    }

    @Test
    void theS3CallsOfAFunctionAndOfTheModulesItIsBuiltWithAreTheActionsIamAuthorizesThemAs(@TempDir Path dir)
            throws IOException {
        Path function = dir.resolve("function");
        Path records = dir.resolve("records");
        writeClass(function, "dev/offboarding/recordoutcome/Handler", Map.of("handleRequest",
                List.of("dev/offboarding/records/S3Store.put", "dev/offboarding/records/S3Store.get",
                        "dev/offboarding/records/S3Store.keys")));
        writeClass(records, "dev/offboarding/records/S3Store", Map.of(
                "put", List.of(S3_CLIENT + ".putObject"),
                "get", List.of(S3_CLIENT + ".getObjectAsBytes"),
                "keys", List.of(S3_CLIENT + ".listObjectsV2Paginator"),
                "neverCalled", List.of(S3_CLIENT + ".deleteObject")));

        assertEquals(Set.of("s3:GetObject", "s3:ListBucket", "s3:PutObject"),
                CalledActions.of(function, List.of(records)));
        assertEquals(Set.of(), CalledActions.of(function, List.of()), "without the records module, no S3 call");
    }

    @Test
    void aFunctionIsBuiltWithTheProjectModulesItsPomNames() {
        ProjectModules modules = new ProjectModules(Repository.ROOT);

        assertEquals(List.of(Repository.ROOT.resolve("functions/core")),
                modules.builtWith(Repository.ROOT.resolve("functions/delete-user")),
                "core, not its test-jar nor local-context (test scope)");
        List<Path> recordOutcome = modules.builtWith(Repository.ROOT.resolve("functions/record-outcome"));
        assertTrue(recordOutcome.contains(Repository.ROOT.resolve("functions/core")), recordOutcome.toString());
    }

    @Test
    void theModulesAFunctionIsBuiltWithAreFollowedToTheirOwn(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project><modules><module>records</module>"
                + "<module>functions/core</module><module>functions/record-outcome</module></modules></project>");
        pom(root.resolve("functions/core"), "core", "");
        pom(root.resolve("records"), "records", dependency("core", ""));
        pom(root.resolve("functions/record-outcome"), "record-outcome", dependency("records", "")
                + dependency("core", "<type>test-jar</type><scope>test</scope>"));

        assertEquals(List.of(root.resolve("records"), root.resolve("functions/core")),
                new ProjectModules(root).builtWith(root.resolve("functions/record-outcome")));
    }

    private static void pom(Path module, String artifactId, String dependencies) throws IOException {
        Files.createDirectories(module);
        Files.writeString(module.resolve("pom.xml"), "<project><parent><artifactId>iam-offboarding</artifactId></parent>"
                + "<artifactId>" + artifactId + "</artifactId><dependencies>" + dependencies
                + "<dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId></dependency>"
                + "</dependencies></project>");
    }

    private static String dependency(String artifactId, String more) {
        return "<dependency><groupId>dev.offboarding</groupId><artifactId>" + artifactId + "</artifactId>" + more
                + "</dependency>";
    }
}
