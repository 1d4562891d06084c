package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.RemovalRound;
import dev.offboarding.json.Json;
import dev.offboarding.listtokens.GuardSettings;
import dev.offboarding.local.Invocation;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.model.DenyAttachment;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovalMode;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.model.UserInventory;
import dev.offboarding.records.DirectoryRecordStore;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.removetokens.Pause;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * night_owl of the quarantine scenario, locked out by the real remove-tokens (LOCK_OUT: AWSDenyAll attached, its
 * access key and signing certificate deactivated, its console password kept), and the offboarding's record in a
 * records folder as the workflow leaves it while the quarantine runs. The simulator runs as an operator's role.
 */
final class LockedOutUser {
    static final String USER = "night_owl";
    static final String ACCOUNT = "123456789012";
    static final String KEY = "AKIAQNIGHTOWL0000001";
    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:OffboardUser:hr-1234";

    final IamSimulator iam;
    final Path records;
    final String lockOutKey;

    private LockedOutUser(IamSimulator iam, Path records, String lockOutKey) {
        this.iam = iam;
        this.records = records;
        this.lockOutKey = lockOutKey;
    }

    static LockedOutUser lockedOut() throws IOException {
        JsonNode scenario = Json.mapper().readTree(Files.readString(ProjectHome.find()
                .resolve("events/scenarios/quarantine.json")));
        ObjectNode world = scenario.path("world").deepCopy();
        world.putObject("caller").put("arn", "arn:aws:iam::123456789012:role/offboarding-operator");
        Instant now = Instant.parse(world.path("now").asText());
        IamSimulator iam = IamSimulator.fromWorld(world, new MutableClock(now));
        LocalFunctions functions = new LocalFunctions(iam, new MutableClock(now), GuardSettings.defaults(), Pause.REAL);
        JsonNode inventory = answer(functions.invoke(LocalFunctions.LIST_TOKENS, "{\"userName\": \"night_owl\"}"))
                .get("inventory");
        JsonNode lockOut = answer(functions.invoke(LocalFunctions.REMOVE_TOKENS, "{\"inventory\": " + inventory
                + ", \"mode\": \"LOCK_OUT\", \"dryRun\": false, \"quarantineDays\": 14}"));
        RemovalRound round = new RemovalRound(RemovalMode.LOCK_OUT,
                Instant.parse(lockOut.get("quarantineUntil").asText()),
                Json.mapper().treeToValue(lockOut.get("deny"), DenyAttachment.class),
                List.of(Json.mapper().treeToValue(lockOut.get("items"), RemovedItem[].class)));
        AuditRecord record = new AuditRecord(Outcome.IN_PROGRESS, USER, ACCOUNT, null, "hr-system", null, false,
                false, 14, Json.mapper().treeToValue(inventory, UserInventory.class), null, null, List.of(round), null,
                0, 0, null, EXECUTION, now, now, null, null, null, null, null);
        Path folder = Files.createTempDirectory("offboarding-records-");
        String key = RecordKeys.key(ACCOUNT, USER, now, "hr-1234");
        new DirectoryRecordStore(folder).put(key, Json.mapper().writeValueAsBytes(record));
        iam.calls().clear();
        return new LockedOutUser(iam, folder, key);
    }

    private static JsonNode answer(Invocation invocation) {
        if (invocation.failed()) {
            throw new AssertionError(invocation.errorType() + ": " + invocation.errorMessage());
        }
        try {
            return Json.mapper().readTree(invocation.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** `offboard reinstate` against this IAM, with Step Functions and CloudFormation that must not be called. */
    ReinstateCommand command() {
        return new ReinstateCommand(() -> iam, iam::sts, () -> {
            throw new AssertionError("no Step Functions call expected");
        }, () -> {
            throw new AssertionError("no stack lookup expected");
        }, d -> { }, java.time.Clock.systemUTC());
    }

    String keyStatus() {
        return iam.listAccessKeys(r -> r.userName(USER)).accessKeyMetadata().get(0).statusAsString();
    }

    List<String> attachedPolicies() {
        return iam.listAttachedUserPolicies(r -> r.userName(USER)).attachedPolicies().stream()
                .map(p -> p.policyArn()).toList();
    }
}
