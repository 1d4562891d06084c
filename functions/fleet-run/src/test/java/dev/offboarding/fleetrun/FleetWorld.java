package dev.offboarding.fleetrun;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.audit.WouldRefuse;
import dev.offboarding.fleet.ChildExecutionName;
import dev.offboarding.fleet.FleetDefaults;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalContext;
import dev.offboarding.model.Action;
import dev.offboarding.model.BlockerKind;
import dev.offboarding.model.Outcome;
import dev.offboarding.model.RemovedItem;
import dev.offboarding.records.BucketKey;
import dev.offboarding.records.MemoryRecordStore;
import dev.offboarding.records.RecordKeys;
import dev.offboarding.records.RecordStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fleet run's surroundings in a test: the record store, the handler invoked as Lambda invokes it (JSON in, JSON
 * out), what select-users writes, and what Step Functions' ResultWriter writes for each phase's map run.
 */
final class FleetWorld {
    static final String HOME = "123456789012";
    static final String MEMBER = "111111111111";
    static final String FLEET_EXECUTION = "fleet-exec-1";
    static final Instant STARTED = Instant.parse("2026-12-02T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-02T10:30:00Z");
    static final Instant CHILD_STARTED = Instant.parse("2026-12-02T10:05:00Z");
    static final String REGION_ARN = "arn:aws:states:us-east-1:" + HOME;

    final RecordStore store;
    final List<String> organization = new ArrayList<>(List.of(MEMBER, "222222222222"));
    RuntimeException organizationFails;
    final FleetRunHandler handler;

    FleetWorld() {
        this(new MemoryRecordStore());
    }

    FleetWorld(RecordStore store) {
        this.store = store;
        this.handler = new FleetRunHandler(store, Clock.fixed(NOW, ZoneOffset.UTC),
                new FleetSettings(HOME, new FleetDefaults(25, 10, 5, 3_600)), () -> {
                    if (organizationFails != null) {
                        throw organizationFails;
                    }
                    return organization;
                });
    }

    /** Invokes the function with {@code input} as Lambda would, and reads its JSON answer. */
    JsonNode invoke(JsonNode input) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(input)), out,
                    new LocalContext("FleetRunFunction"));
            return Json.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    // ---- the stages' inputs ---------------------------------------------------------------------------------------

    JsonNode validate(String request) {
        return validate(request, FLEET_EXECUTION);
    }

    JsonNode validate(String request, String fleetExecution) {
        ObjectNode input = object().put("stage", "VALIDATE").put("fleetExecution", fleetExecution)
                .put("startedAt", STARTED.toString());
        input.set("request", json(request));
        return invoke(input);
    }

    ObjectNode items(JsonNode fleet, JsonNode selected) {
        ObjectNode input = object().put("stage", "ITEMS");
        input.set("fleet", fleet);
        input.set("selected", selected);
        return input;
    }

    ObjectNode limit(JsonNode fleet, JsonNode selected, JsonNode phase) {
        ObjectNode input = items(fleet, selected).put("stage", "LIMIT");
        input.set("phase", phase);
        return input;
    }

    ObjectNode report(JsonNode fleet, JsonNode selected, JsonNode phase) {
        ObjectNode input = items(fleet, selected).put("stage", "REPORT");
        if (phase != null) {
            input.set("phase", phase);
        }
        return input;
    }

    // ---- what select-users writes ---------------------------------------------------------------------------------

    /** Writes {@code F/candidates/<account>.json} as select-users does, and returns its answer. */
    ObjectNode selected(JsonNode fleet, String account, int accountUsers, List<String> candidates,
                        List<String> notFound) {
        String key = "fleet/" + fleet.get("run").asText() + "/" + fleet.get("fleetExecution").asText()
                + "/candidates/" + account + ".json";
        ObjectNode file = object().put("accountId", account).put("accountUsers", accountUsers)
                .put("selectedAt", "2026-12-02T10:01:00Z");
        file.putNull("reportGeneratedAt");
        ArrayNode list = file.putArray("candidates");
        for (String user : candidates) {
            list.addObject().put("userName", user).putArray("why").add("path /contractors/");
        }
        ArrayNode missing = file.putArray("notFound");
        notFound.forEach(missing::add);
        put(key, file);
        return object().put("accountId", account).put("accountUsers", accountUsers)
                .put("candidates", candidates.size()).put("notFound", notFound.size()).put("key", key);
    }

    // ---- what the children and Step Functions write ---------------------------------------------------------------

    /** A dry run's audit record: it would remove one access key and the console password. */
    static AuditRecord dryRun(String user, String account, String execution) {
        return record(Outcome.DRY_RUN, user, account, execution, List.of(
                new RemovedItem(BlockerKind.ACCESS_KEY, "AKIAEXAMPLE000000001", Action.WOULD_DELETE),
                new RemovedItem(BlockerKind.LOGIN_PROFILE, user, Action.WOULD_DELETE)), null, null, null);
    }

    /** A dry run of a user a guard would refuse. */
    static AuditRecord dryRunRefused(String user, String account, String execution, String error, String cause) {
        return record(Outcome.DRY_RUN, user, account, execution, List.of(), new WouldRefuse(error, cause, null,
                List.of("AdministratorAccess attached"), null), null, null);
    }

    static AuditRecord record(Outcome outcome, String user, String account, String execution) {
        return record(outcome, user, account, execution, null, null,
                outcome == Outcome.DELETED ? CHILD_STARTED.plusSeconds(30) : null, null);
    }

    private static AuditRecord record(Outcome outcome, String user, String account, String execution,
                                      List<RemovedItem> plan, WouldRefuse wouldRefuse, Instant deletedAt,
                                      String error) {
        return new AuditRecord(outcome, user, account, "fleet run stale: left", "fleet run stale", null, false, false,
                0, null, plan, wouldRefuse, List.of(), null, 0, 0, deletedAt,
                "arn:aws:states:us-east-1:" + HOME + ":execution:OffboardUser:" + execution, CHILD_STARTED,
                CHILD_STARTED.plusSeconds(40), null, error, null, null, null);
    }

    /** What the child wrote to the record store, as record-outcome does: its key. */
    String childRecordWritten(AuditRecord record) {
        String key = RecordKeys.key(record.accountId(), record.userName(), record.startedAt(),
                record.executionId().substring(record.executionId().lastIndexOf(':') + 1));
        put(key, Json.mapper().valueToTree(record));
        return key;
    }

    /** One result of a map run: the item processor's input (the child item) and output. */
    record Entry(String status, ObjectNode item, ObjectNode output, String error, String cause) {
    }

    static ObjectNode item(String execution, String user, String account) {
        return object().put("execution", execution).put("userName", user).put("accountId", account);
    }

    /** The StartChild processor's output when the OffboardUser child succeeded. */
    static Entry finished(AuditRecord child) {
        String execution = child.executionId().substring(child.executionId().lastIndexOf(':') + 1);
        ObjectNode item = item(execution, child.userName(), child.accountId());
        ObjectNode output = item.deepCopy();
        output.set("child", Json.mapper().valueToTree(child));
        return new Entry("SUCCEEDED", item, output, null, null);
    }

    /** ... when the child failed: States.TaskFailed with the child's DescribeExecution answer as Cause. */
    static Entry childFailed(String execution, String user, String account, String error, String cause) {
        ObjectNode item = item(execution, user, account);
        ObjectNode described = object()
                .put("ExecutionArn", REGION_ARN + ":execution:OffboardUser:" + execution)
                .put("Input", "{\"userName\":\"" + user + "\"}")
                .put("Name", execution)
                .put("StartDate", CHILD_STARTED.toEpochMilli())
                .put("StateMachineArn", REGION_ARN + ":stateMachine:OffboardUser")
                .put("Status", "FAILED")
                .put("StopDate", CHILD_STARTED.plusSeconds(3).toEpochMilli())
                .put("Error", error)
                .put("Cause", cause);
        described.putObject("InputDetails").put("Included", true);
        ObjectNode output = item.deepCopy();
        output.putObject("childFailed").put("Error", "States.TaskFailed").put("Cause", described.toString());
        return new Entry("SUCCEEDED", item, output, null, null);
    }

    /** ... when Step Functions refused the name: an execution of it was started before. */
    static Entry alreadyStarted(String execution, String user, String account) {
        ObjectNode item = item(execution, user, account);
        ObjectNode output = item.deepCopy();
        output.putObject("alreadyStarted").put("Error", "StepFunctions.ExecutionAlreadyExistsException")
                .put("Cause", "Execution Already Exists: '" + REGION_ARN + ":execution:OffboardUser:" + execution
                        + "' (Service: Sfn, Status Code: 400, Request ID: 4c1b)");
        return new Entry("SUCCEEDED", item, output, null, null);
    }

    /** An item processor that itself failed (it never shaped an output). */
    static Entry processorFailed(String execution, String user, String account) {
        return new Entry("FAILED", item(execution, user, account), null, "States.Runtime",
                "An error occurred while executing the state 'StartChild'");
    }

    /**
     * Writes {@code <prefix>/<MapRunId>/manifest.json} and its SUCCEEDED_0.json / FAILED_0.json exactly as Step
     * Functions' ResultWriter does, under the full S3 prefix the fleet gave it.
     */
    void mapRunWrote(String storePrefix, List<Entry> entries) {
        BucketKey where = store.bucketKey(storePrefix);
        String mapRunId = UUID.nameUUIDFromBytes(storePrefix.getBytes(UTF_8)).toString();
        ArrayNode succeeded = Json.mapper().createArrayNode();
        ArrayNode failed = Json.mapper().createArrayNode();
        for (Entry entry : entries) {
            ObjectNode result = object()
                    .put("ExecutionArn", REGION_ARN + ":execution:OffboardFleet/RunAccountChildren:" + UUID.randomUUID())
                    .put("Input", entry.item().toString());
            result.putObject("InputDetails").put("Included", true);
            result.put("Name", UUID.randomUUID().toString());
            if (entry.output() != null) {
                result.put("Output", entry.output().toString());
                result.putObject("OutputDetails").put("Included", true);
            } else {
                result.put("Error", entry.error()).put("Cause", entry.cause());
            }
            result.put("RedriveCount", 0)
                    .put("RedriveStatus", entry.output() != null ? "NOT_REDRIVABLE" : "REDRIVABLE")
                    .put("RedriveStatusReason", entry.output() != null
                            ? "Execution is SUCCEEDED and cannot be redriven" : "")
                    .put("StartDate", "2026-12-02T10:04:59.123Z")
                    .put("StateMachineArn", REGION_ARN + ":stateMachine:OffboardFleet/RunAccountChildren")
                    .put("Status", entry.status())
                    .put("StopDate", "2026-12-02T10:06:01.456Z");
            (entry.output() != null ? succeeded : failed).add(result);
        }
        String folder = storePrefix + "/" + mapRunId + "/";
        ObjectNode manifest = object().put("DestinationBucket", where.bucket())
                .put("MapRunArn", REGION_ARN + ":mapRun:OffboardFleet/RunAccountChildren:" + mapRunId);
        ObjectNode files = manifest.putObject("ResultFiles");
        files.set("FAILED", resultFile(folder, "FAILED_0.json", failed));
        files.putArray("PENDING");
        files.set("SUCCEEDED", resultFile(folder, "SUCCEEDED_0.json", succeeded));
        put(folder + "manifest.json", manifest);
    }

    private ArrayNode resultFile(String folder, String name, ArrayNode results) {
        ArrayNode list = Json.mapper().createArrayNode();
        if (results.isEmpty()) {
            return list;
        }
        byte[] bytes = results.toString().getBytes(UTF_8);
        store.put(folder + name, bytes);
        list.addObject().put("Key", store.bucketKey(folder + name).key()).put("Size", bytes.length);
        return list;
    }

    static String planName(String account, String user) {
        return ChildExecutionName.forPlan(FLEET_EXECUTION, account, user);
    }

    static String offboardName(String run, String account, String user) {
        return ChildExecutionName.forOffboard(run, account, user);
    }

    boolean exists(String key) {
        return store.get(key).isPresent();
    }

    JsonNode read(String key) {
        try {
            return Json.mapper().readTree(store.get(key).orElseThrow(() -> new AssertionError("no " + key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void put(String key, JsonNode json) {
        store.put(key, json.toString().getBytes(UTF_8));
    }

    static JsonNode array(JsonNode... nodes) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (JsonNode node : nodes) {
            array.add(node);
        }
        return array;
    }
}
