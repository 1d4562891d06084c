package dev.offboarding.fleetrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.audit.AuditRecord;
import dev.offboarding.errors.MapRunResultsUnreadableException;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.json.Json;
import dev.offboarding.records.BucketKey;
import dev.offboarding.records.RecordStore;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a Distributed Map's ResultWriter wrote under a prefix, as Step Functions writes it:
 * {@code <Prefix>/<MapRunId>/manifest.json} ({@code DestinationBucket}, {@code MapRunArn}, {@code ResultFiles} with
 * the {@code FAILED}, {@code PENDING} and {@code SUCCEEDED} files, each {@code {"Key", "Size"}} with the full object
 * key), and each result file, a JSON array of child executions ({@code Status}, {@code Input} and {@code Output} as
 * JSON strings, or {@code Error} and {@code Cause} for a failed one). The child here is the StartChild item
 * processor, whose Output is the item's {@code execution}, {@code userName} and {@code accountId} with one of
 * {@code child} (the OffboardUser output), {@code childFailed} or {@code alreadyStarted}.
 *
 * <p>Everything is bounded (manifests, files, sizes, entries); a file not of that shape is a
 * {@link MapRunResultsUnreadableException} naming it and what is wrong, never a result left out.
 */
final class MapRunResults {
    static final int MAX_MANIFESTS = 10;
    static final int MAX_MANIFEST_BYTES = 1 << 20;
    static final int MAX_RESULT_FILES = 100;
    static final long MAX_RESULT_FILE_BYTES = 128L << 20;
    static final int MAX_ENTRIES = 20_000;
    /** Step Functions' quota on an execution's input and output: a larger one was not written by it. */
    static final int MAX_PAYLOAD_CHARS = 256 * 1024;
    private static final List<String> FILE_STATUSES = List.of("SUCCEEDED", "FAILED", "PENDING");
    private static final Set<String> OUTCOMES = Set.of("child", "childFailed", "alreadyStarted");

    private final RecordStore store;

    MapRunResults(RecordStore store) {
        this.store = store;
    }

    /**
     * Every child result under {@code prefix} (a store key prefix, as ResultWriter was given it, without the '/'),
     * by child execution name; empty when no map run wrote there. When several map runs wrote there (the map was run
     * again), a result of a finished item processor wins over one that did not finish, and otherwise the later
     * manifest (in key order) wins.
     */
    Map<String, ChildResult> read(String prefix) {
        BucketKey where = store.bucketKey(prefix);
        List<String> manifests = store.keys(prefix + "/").stream().filter(key -> isManifest(prefix, key)).toList();
        if (manifests.size() > MAX_MANIFESTS) {
            throw new MapRunResultsUnreadableException("more than " + MAX_MANIFESTS + " map runs wrote results under "
                    + store.describe(prefix) + " (" + manifests.size() + " manifest.json files): refusing to read"
                    + " them; start a new fleet execution");
        }
        Map<String, ChildResult> results = new LinkedHashMap<>();
        int entries = 0;
        for (String manifest : manifests) {
            for (String file : resultFiles(manifest, where, prefix)) {
                JsonNode array = jsonArray(file);
                entries += array.size();
                if (entries > MAX_ENTRIES) {
                    throw new MapRunResultsUnreadableException("the map runs under " + store.describe(prefix)
                            + " wrote more than " + MAX_ENTRIES + " results: refusing to read on");
                }
                String status = statusOfFile(file);
                for (int i = 0; i < array.size(); i++) {
                    ChildResult result = entry(array.get(i), status, file, i);
                    ChildResult earlier = results.get(result.execution());
                    if (!(earlier != null && !(earlier instanceof ChildResult.NotRun)
                            && result instanceof ChildResult.NotRun)) {
                        results.put(result.execution(), result);
                    }
                }
            }
        }
        return results;
    }

    private static boolean isManifest(String prefix, String key) {
        String rest = key.substring(prefix.length() + 1);
        return rest.endsWith("/manifest.json") && rest.indexOf('/') == rest.length() - "/manifest.json".length();
    }

    /** The store keys of the manifest's result files, SUCCEEDED then FAILED then PENDING. */
    private List<String> resultFiles(String manifestKey, BucketKey where, String prefix) {
        JsonNode manifest = json(manifestKey, MAX_MANIFEST_BYTES);
        if (!manifest.isObject()) {
            throw unreadable(manifestKey, "it is not a JSON object");
        }
        JsonNode bucket = manifest.get("DestinationBucket");
        if (bucket == null || !bucket.isTextual()) {
            throw unreadable(manifestKey, "it has no DestinationBucket");
        }
        if (!bucket.asText().equals(where.bucket())) {
            throw unreadable(manifestKey, "its DestinationBucket is " + bucket.asText() + ", not the records' bucket "
                    + where.bucket());
        }
        JsonNode arn = manifest.get("MapRunArn");
        if (arn == null || !arn.isTextual() || !arn.asText().startsWith("arn:")) {
            throw unreadable(manifestKey, "it has no MapRunArn");
        }
        JsonNode files = manifest.get("ResultFiles");
        if (files == null || !files.isObject()) {
            throw unreadable(manifestKey, "it has no ResultFiles object");
        }
        files.fieldNames().forEachRemaining(name -> {
            if (!FILE_STATUSES.contains(name)) {
                throw unreadable(manifestKey, "ResultFiles has \"" + name + "\", which is none of " + FILE_STATUSES);
            }
        });
        List<String> keys = new ArrayList<>();
        for (String status : FILE_STATUSES) {
            JsonNode list = files.path(status);
            if (list.isMissingNode()) {
                continue;
            }
            if (!list.isArray()) {
                throw unreadable(manifestKey, "ResultFiles." + status + " is not an array");
            }
            for (int i = 0; i < list.size(); i++) {
                keys.add(resultFile(manifestKey, "ResultFiles." + status + "[" + i + "]", list.get(i), where, prefix,
                        status));
            }
        }
        if (keys.size() > MAX_RESULT_FILES) {
            throw unreadable(manifestKey, "it lists " + keys.size() + " result files, more than " + MAX_RESULT_FILES);
        }
        return keys;
    }

    private String resultFile(String manifestKey, String field, JsonNode file, BucketKey where, String prefix,
                              String status) {
        JsonNode key = file.get("Key");
        JsonNode size = file.get("Size");
        if (key == null || !key.isTextual() || size == null || !size.canConvertToLong()) {
            throw unreadable(manifestKey, field + " must be {\"Key\": ..., \"Size\": ...}");
        }
        if (size.asLong() > MAX_RESULT_FILE_BYTES) {
            throw unreadable(manifestKey, field + " is " + size.asLong() + " bytes, more than "
                    + MAX_RESULT_FILE_BYTES + " are read");
        }
        String fullPrefix = where.key() + "/";
        if (!key.asText().startsWith(fullPrefix)) {
            throw unreadable(manifestKey, field + ".Key " + key.asText() + " is not under the results prefix "
                    + fullPrefix);
        }
        String storeKey = prefix + "/" + key.asText().substring(fullPrefix.length());
        if (!statusOfFile(storeKey).equals(status)) {
            throw unreadable(manifestKey, field + ".Key " + key.asText() + " is not a " + status + "_<n>.json file");
        }
        return storeKey;
    }

    /** SUCCEEDED_0.json: SUCCEEDED. */
    private static String statusOfFile(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int underscore = name.lastIndexOf('_');
        return underscore < 0 || !name.endsWith(".json") ? "" : name.substring(0, underscore);
    }

    private JsonNode jsonArray(String key) {
        JsonNode array = json(key, MAX_RESULT_FILE_BYTES);
        if (!array.isArray()) {
            throw unreadable(key, "it is not a JSON array of child executions");
        }
        return array;
    }

    private JsonNode json(String key, long maxBytes) {
        byte[] bytes = store.get(key).orElseThrow(() -> new RecordStoreUnavailableException("the map run result "
                + store.describe(key) + " is not there, though it was listed or named by its manifest; run again"));
        if (bytes.length > maxBytes) {
            throw unreadable(key, "it is " + bytes.length + " bytes, more than " + maxBytes + " are read");
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw unreadable(key, "it is not JSON (" + reason(e) + ")");
        }
    }

    private ChildResult entry(JsonNode entry, String fileStatus, String file, int index) {
        String at = "entry " + index;
        if (!entry.isObject()) {
            throw unreadable(file, at + " is not a JSON object");
        }
        String status = text(entry, "Status", file, at);
        if (entry.path("InputDetails").path("Included").isBoolean()
                && !entry.path("InputDetails").path("Included").asBoolean()) {
            throw unreadable(file, at + ": its Input was not included, so its user cannot be known");
        }
        JsonNode item = embedded(text(entry, "Input", file, at), file, at + ".Input");
        String execution = text(item, "execution", file, at + ".Input");
        String userName = text(item, "userName", file, at + ".Input");
        String accountId = text(item, "accountId", file, at + ".Input");
        return switch (fileStatus) {
            case "SUCCEEDED" -> {
                if (!"SUCCEEDED".equals(status)) {
                    throw unreadable(file, at + " is in a SUCCEEDED file with Status " + status);
                }
                yield processed(embedded(text(entry, "Output", file, at), file, at + ".Output"), execution, userName,
                        accountId, file, at + ".Output");
            }
            case "FAILED" -> new ChildResult.NotRun(execution, userName, accountId, status,
                    entry.path("Error").textValue(), entry.path("Cause").textValue());
            default -> new ChildResult.NotRun(execution, userName, accountId, status, null, null);
        };
    }

    private ChildResult processed(JsonNode output, String execution, String userName, String accountId, String file,
                                  String at) {
        for (String[] same : new String[][] {{"execution", execution}, {"userName", userName},
                {"accountId", accountId}}) {
            if (!same[1].equals(text(output, same[0], file, at))) {
                throw unreadable(file, at + "." + same[0] + " is not its Input's (" + same[1] + ")");
            }
        }
        List<String> outcomes = new ArrayList<>();
        output.fieldNames().forEachRemaining(name -> {
            if (OUTCOMES.contains(name)) {
                outcomes.add(name);
            }
        });
        if (outcomes.size() != 1) {
            throw unreadable(file, at + " must have exactly one of child, childFailed, alreadyStarted; it has "
                    + outcomes);
        }
        JsonNode value = output.get(outcomes.get(0));
        return switch (outcomes.get(0)) {
            case "child" -> new ChildResult.Finished(execution, userName, accountId, auditRecord(value, file,
                    at + ".child"));
            case "childFailed" -> failed(value, execution, userName, accountId, file, at + ".childFailed");
            default -> new ChildResult.AlreadyStarted(execution, userName, accountId,
                    text(value, "Cause", file, at + ".alreadyStarted"));
        };
    }

    private AuditRecord auditRecord(JsonNode child, String file, String at) {
        try {
            AuditRecord record = Json.mapper().treeToValue(child, AuditRecord.class);
            if (record == null || record.outcome() == null || record.userName() == null) {
                throw unreadable(file, at + " is not an audit record (no outcome or userName)");
            }
            return record;
        } catch (IOException e) {
            throw unreadable(file, at + " is not an audit record: " + reason(e));
        }
    }

    /** The Cause of States.TaskFailed is the child's DescribeExecution answer: its own Error and Cause are inside. */
    private ChildResult failed(JsonNode failure, String execution, String userName, String accountId, String file,
                               String at) {
        String error = text(failure, "Error", file, at);
        String cause = text(failure, "Cause", file, at);
        JsonNode described;
        try {
            described = Json.mapper().readTree(cause);
        } catch (IOException notJson) {
            return new ChildResult.Failed(execution, userName, accountId, error, cause, null);
        }
        if (described == null || !described.isObject()) {
            return new ChildResult.Failed(execution, userName, accountId, error, cause, null);
        }
        String status = described.path("Status").asText("FAILED");
        String childError = described.path("Error").isTextual() ? described.get("Error").asText()
                : "execution " + status;
        String childCause = described.path("Cause").isTextual() ? described.get("Cause").asText()
                : "the child execution ended " + status + " without a Cause";
        return new ChildResult.Failed(execution, userName, accountId, childError, childCause,
                instant(described.get("StartDate")));
    }

    /** DescribeExecution's StartDate: epoch milliseconds in a task's answer, an ISO-8601 text elsewhere. */
    private static Instant instant(JsonNode date) {
        if (date == null) {
            return null;
        }
        if (date.isNumber()) {
            return date.isIntegralNumber() ? Instant.ofEpochMilli(date.asLong())
                    : Instant.ofEpochMilli(Math.round(date.asDouble() * 1000));
        }
        try {
            return date.isTextual() ? Instant.parse(date.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private JsonNode embedded(String json, String file, String at) {
        if (json.length() > MAX_PAYLOAD_CHARS) {
            throw unreadable(file, at + " is " + json.length() + " characters, more than Step Functions' "
                    + MAX_PAYLOAD_CHARS);
        }
        try {
            JsonNode node = Json.mapper().readTree(json);
            if (node == null || !node.isObject()) {
                throw unreadable(file, at + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw unreadable(file, at + " is not JSON (" + reason(e) + ")");
        }
    }

    private String text(JsonNode node, String field, String file, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw unreadable(file, at + " has no " + field + " (a string)");
        }
        return value.asText();
    }

    private static String reason(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage()
                : e.getMessage();
    }

    private MapRunResultsUnreadableException unreadable(String key, String what) {
        return new MapRunResultsUnreadableException("the map run result " + store.describe(key) + " is not as Step"
                + " Functions writes it: " + what);
    }
}
