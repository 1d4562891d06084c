package dev.offboarding.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.records.DirectoryRecordStore;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.SimulatedOrganization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The OffboardFleet workflow on the local engine over a simulated organization: the real select-users and fleet-run
 * functions, each user an OffboardUser child execution with the real single-user functions, all keeping their files
 * in one folder: the record store (which the engine also reads and writes as the records bucket: items files,
 * result files), the decisions of the approval's task token, and the registry of the child executions started.
 */
public final class LocalFleetRun {
    public static final String FLEET_DEFINITION = "offboard-fleet.asl.json";
    public static final String OFFBOARD_USER_DEFINITION = "offboard-user.asl.json";
    public static final String STATE_MACHINE_NAME = "OffboardFleet";
    public static final String OFFBOARD_USER_STATE_MACHINE_NAME = "OffboardUser";
    /** The role the functions assume in a member account of the organization. */
    public static final String OFFBOARDING_ROLE_NAME = "offboarding";
    /** The records bucket of the definition's ItemReader and ResultWriter, served from the records folder. */
    public static final String RECORDS_BUCKET = "local-records";
    /** What the fleet definition names beyond the single-user workflow's substitutions. */
    public static final Map<String, String> SUBSTITUTIONS = Map.of(
            "FleetRunFunctionArn", functionArn(LocalFunctions.FLEET_RUN),
            "SelectUsersFunctionArn", functionArn(LocalFunctions.SELECT_USERS),
            "OffboardUserStateMachineArn", "arn:aws:states:us-east-1:" + LocalFunctions.LOCAL_HOME_ACCOUNT_ID
                    + ":stateMachine:" + OFFBOARD_USER_STATE_MACHINE_NAME,
            "RecordsBucketName", RECORDS_BUCKET,
            "ApprovalTopicArn", "arn:aws:sns:us-east-1:" + LocalFunctions.LOCAL_HOME_ACCOUNT_ID
                    + ":offboarding-alarms");

    private final Path statemachineDir;
    private final Folders folders;

    /**
     * Where a fleet run keeps its files: {@code records} (the record store and the records bucket), {@code callbacks}
     * (task token decisions: {@code <sha256 of the token>.json}) and {@code executions} (the registry of the child
     * execution names started, statemachine/lib/service-integrations.js ExecutionRegistry).
     */
    public record Folders(Path records, Path callbacks, Path executions) {
        /** The three under one folder: records/, callbacks/ and executions.json. */
        public static Folders under(Path dir) {
            return new Folders(dir.resolve("records"), dir.resolve("callbacks"), dir.resolve("executions.json"));
        }
    }

    /** @param statemachineDir the project's statemachine/ folder, with the local engine installed */
    public LocalFleetRun(Path statemachineDir, Folders folders) {
        this.statemachineDir = statemachineDir;
        this.folders = folders;
    }

    public Folders folders() {
        return folders;
    }

    /** The functions over the organization, acting in a member account through {@link #OFFBOARDING_ROLE_NAME}. */
    public LocalFunctions functions(SimulatedOrganization organization, Clock clock, GuardSettings guards, Pause pause) {
        return functions(organization, clock, guards, pause, SdkRetries.NONE);
    }

    /** The same, each IAM client retrying as {@code sdkRetries} says ({@link SdkRetries}). */
    public LocalFunctions functions(SimulatedOrganization organization, Clock clock, GuardSettings guards, Pause pause,
                                    UnaryOperator<IamClient> sdkRetries) {
        return new LocalFunctions(organization, OFFBOARDING_ROLE_NAME, clock, guards, pause,
                new DirectoryRecordStore(folders.records()), sdkRetries);
    }

    /**
     * One execution of the fleet definition named {@code executionName} with {@code request} as its input.
     * {@code singleUserSubstitutions}: the values the single-user definition needs (its functions, settings); the
     * fleet's own are added.
     */
    public WorkflowRunner.Run run(Map<String, String> singleUserSubstitutions, String request, String executionName,
                                  boolean noWaits) throws IOException {
        Files.createDirectories(folders.records());
        Files.createDirectories(folders.callbacks());
        Map<String, String> substitutions = new TreeMap<>(singleUserSubstitutions);
        substitutions.putAll(SUBSTITUTIONS);
        WorkflowRunner.Services services = new WorkflowRunner.Services(
                Map.of(OFFBOARD_USER_STATE_MACHINE_NAME, statemachineDir.resolve(OFFBOARD_USER_DEFINITION)),
                Map.of(RECORDS_BUCKET, folders.records()), folders.callbacks(), folders.executions());
        return new WorkflowRunner.Run(statemachineDir.resolve(FLEET_DEFINITION), substitutions, request, executionName,
                STATE_MACHINE_NAME, noWaits, List.of()).with(services);
    }

    /**
     * Sends a decision on {@code token} as the local engine takes it (statemachine/lib/service-integrations.js): the
     * file {@code <sha256 hex of the token>.json} in the callbacks folder, {@code {"output": ...}} for
     * SendTaskSuccess or {@code {"error", "cause"}} for SendTaskFailure, written whole (renamed into place).
     */
    public void decide(String token, JsonNode decision) throws IOException {
        Path file = folders.callbacks().resolve(sha256Hex(token) + ".json");
        Path temporary = folders.callbacks().resolve(file.getFileName() + ".tmp");
        Files.writeString(temporary, decision.toString());
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String functionArn(String function) {
        return "arn:aws:lambda:us-east-1:" + LocalFunctions.LOCAL_HOME_ACCOUNT_ID + ":function:" + function;
    }
}
