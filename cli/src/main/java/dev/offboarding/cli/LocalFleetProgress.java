package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.json.Json;
import dev.offboarding.local.LocalFleetRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How far a local fleet run is, read from the files the run writes as it goes: the phase's child items, one file per
 * account that fleet-run writes ({@code fleet/<run>/<execution>/plan|offboard/<account>.json}, the phase's total),
 * the engine's executions registry (each OffboardUser child with its status, RUNNING until it ends) and, for an
 * ended child, its user's record ({@code <account>/<user>/<startedAt>_<child>.json}) for the outcome. Each poll reads
 * those few files; a child's outcome is read once.
 */
final class LocalFleetProgress {
    static final String PLAN = "plan";
    static final String OFFBOARD = "offboard";

    /**
     * The phase (plan or offboard), its users done of its total and their outcomes so far; {@code before}: in the
     * offboard phase, where the plan ended (null otherwise).
     */
    record Snapshot(String phase, int done, int total, Map<String, Integer> byOutcome, Snapshot before) {
        static final Snapshot NOTHING_YET = new Snapshot(null, 0, 0, Map.of(), null);

        Snapshot(String phase, int done, int total, Map<String, Integer> byOutcome) {
            this(phase, done, total, byOutcome, null);
        }
    }

    private final LocalFleetRun.Folders folders;
    private final String executionName;
    private final Map<String, String> outcomes = new HashMap<>();

    LocalFleetProgress(LocalFleetRun.Folders folders, String executionName) {
        this.folders = folders;
        this.executionName = executionName;
    }

    Snapshot poll() {
        Optional<Path> root = fleetRoot();
        if (root.isEmpty()) {
            return Snapshot.NOTHING_YET;
        }
        JsonNode children = registry().path(LocalFleetRun.SUBSTITUTIONS.get("OffboardUserStateMachineArn"));
        // fleet-run writes the offboard phase's items with the plan; the phase begins with its first child.
        List<JsonNode> offboard = items(root.get().resolve(OFFBOARD));
        boolean offboarding = offboard.stream().anyMatch(item -> children.has(item.path("execution").asText()));
        Snapshot plan = snapshot(PLAN, items(root.get().resolve(PLAN)), children, null);
        // A run nobody approves within its limits has no plan phase (fleet-run's ITEMS): nothing to show before.
        return offboarding ? snapshot(OFFBOARD, offboard, children, plan.phase() == null ? null : plan) : plan;
    }

    private Snapshot snapshot(String phase, List<JsonNode> items, JsonNode children, Snapshot before) {
        if (items.isEmpty()) {
            return Snapshot.NOTHING_YET;
        }
        int done = 0;
        Map<String, Integer> byOutcome = new TreeMap<>();
        for (JsonNode item : items) {
            String child = item.path("execution").asText();
            String status = children.path(child).path("status").asText("");
            if (status.isEmpty() || status.equals("RUNNING")) {
                continue;
            }
            done++;
            String outcome = outcomes.computeIfAbsent(child, name -> outcomeOf(phase, status, item));
            byOutcome.merge(outcome, 1, Integer::sum);
        }
        return new Snapshot(phase, done, items.size(), byOutcome, before);
    }

    /** {@code fleet/<run>/<execution>/} in the records folder, once fleet-run has made it. */
    private Optional<Path> fleetRoot() {
        Path fleet = folders.records().resolve("fleet");
        if (!Files.isDirectory(fleet)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(fleet)) {
            return runs.map(run -> run.resolve(executionName)).filter(Files::isDirectory).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The phase's items, every account's file; a file being written is read at the next poll. */
    private static List<JsonNode> items(Path phaseFolder) {
        if (!Files.isDirectory(phaseFolder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(phaseFolder)) {
            // A temporary file of the record store has ".." in its name.
            return files.filter(f -> f.getFileName().toString().endsWith(".json")
                            && !f.getFileName().toString().contains("..")).sorted()
                    .flatMap(f -> read(f).map(list -> Stream.of(list)).orElse(Stream.empty()))
                    .flatMap(list -> list.isArray() ? java.util.stream.StreamSupport.stream(list.spliterator(), false)
                            : Stream.empty())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private JsonNode registry() {
        return read(folders.executions()).orElse(Json.mapper().createObjectNode());
    }

    /**
     * A plan child: REFUSED when its dry run says a guard would refuse, FAILED when it failed, else WOULD_OFFBOARD.
     * An offboarding child: its record's outcome, or the Error it failed with.
     */
    private String outcomeOf(String phase, String status, JsonNode item) {
        Optional<JsonNode> record = recordOf(item);
        boolean succeeded = status.equals("SUCCEEDED");
        if (phase.equals(PLAN)) {
            if (!succeeded) {
                return "FAILED";
            }
            return record.map(r -> r.path("wouldRefuse").isObject() ? "REFUSED" : "WOULD_OFFBOARD")
                    .orElse("WOULD_OFFBOARD");
        }
        if (succeeded) {
            return record.map(r -> r.path("outcome").asText("SUCCEEDED")).orElse("SUCCEEDED");
        }
        return record.map(r -> r.path("error").asText("")).filter(e -> !e.isEmpty()).orElse(status);
    }

    private Optional<JsonNode> recordOf(JsonNode item) {
        Path folder = folders.records().resolve(item.path("accountId").asText()).resolve(item.path("userName").asText());
        String suffix = "_" + item.path("execution").asText() + ".json";
        try (Stream<Path> records = Files.list(folder)) {
            return records.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted()
                    .reduce((first, second) -> second).flatMap(LocalFleetProgress::read);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> read(Path file) {
        try {
            return Optional.of(Json.mapper().readTree(Files.readString(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
