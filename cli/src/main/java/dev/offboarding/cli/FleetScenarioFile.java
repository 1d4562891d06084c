package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.fleet.FieldNames;
import dev.offboarding.json.RequestReader;
import dev.offboarding.json.Validatable;
import dev.offboarding.local.LocalFunctions;
import dev.offboarding.simulator.SimulatedOrganization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet scenario for {@code offboard local --fleet}: the fleet request and the organization the simulator starts
 * from.
 *
 * <pre>
 * {"description": "...", "fleet": {"run": ..., "unusedForDays": 90, "accounts": [...], "dryRun": false, ...},
 *  "world": {"accounts": [world, world, ...]} | world,
 *  "engine": {"noWaits": true}}
 * </pre>
 *
 * <p>Read as strictly as a single-user scenario ({@link ScenarioFile}); the fleet request is held to the fleet
 * request's rules ({@link FleetRequestOptions}), each problem named {@code fleet.<field>}.
 */
record FleetScenarioFile(Path file, String description, ObjectNode request, JsonNode world, Instant now,
                         boolean noWaits) {
    /** The key that makes a scenario file a fleet scenario. */
    static final String FLEET = "fleet";

    record Document(String description, JsonNode fleet, JsonNode world, Engine engine) implements Validatable {
        @Override
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (fleet == null) {
                problems.add("\"fleet\" is required: the fleet request, e.g. {\"unusedForDays\": 90, \"dryRun\": false}");
            } else if (!fleet.isObject()) {
                problems.add("\"fleet\" must be an object: the fleet request, e.g. {\"unusedForDays\": 90}");
            } else {
                FleetRequestOptions.problems((ObjectNode) fleet, FieldNames.under(""))
                        .forEach(problem -> problems.add("fleet: " + problem));
            }
            if (world == null || !world.isObject()) {
                problems.add("\"world\" is required: the organization the simulator starts from,"
                        + " {\"accounts\": [world, ...]} (see iam-simulator/README.md)");
            }
            return problems;
        }
    }

    record Engine(Boolean noWaits) {
    }

    String label() {
        return "fleet scenario file " + file;
    }

    /** Whether a scenario file's JSON is a fleet scenario. */
    static boolean isFleetScenario(JsonNode tree) {
        return tree != null && tree.isObject() && tree.has(FLEET);
    }

    static FleetScenarioFile load(Path file) {
        String label = "fleet scenario file " + file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no fleet scenario file " + file + ": see events/scenarios/fleet-stale-users.json");
        } catch (IOException e) {
            throw new CannotRunException("cannot read " + label + ": " + e.getMessage(), e);
        }
        Document document;
        try {
            JsonNode tree = RequestReader.readTree(new ByteArrayInputStream(bytes));
            if (tree == null || !tree.isObject()) {
                throw new UsageException(label + " must hold a JSON object such as {\"fleet\": {...}, \"world\": {...}}");
            }
            if (!isFleetScenario(tree)) {
                throw new UsageException(label + " is a single-user scenario (it has no \"fleet\"): run it with"
                        + " --scenario " + file);
            }
            RequestReader.refuseAnyNull(tree, "");
            document = RequestReader.read(tree, Document.class);
        } catch (InvalidRequestException e) {
            throw UsageException.of(label, e.problems());
        }
        JsonNode first = document.world().has("accounts") ? document.world().path("accounts").path(0) : document.world();
        Instant now;
        try {
            now = first.path("now").isTextual() ? Instant.parse(first.path("now").asText()) : ScenarioFile.DEFAULT_NOW;
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException(label + ": \"world.accounts[0].now\" must be an ISO-8601 instant such as"
                    + " \"2026-11-20T12:00:00Z\"");
        }
        String homeAccount = first.path("accountId").asText(LocalFunctions.LOCAL_HOME_ACCOUNT_ID);
        if (!homeAccount.equals(LocalFunctions.LOCAL_HOME_ACCOUNT_ID)) {
            // The engine names its executions in that account, and the functions compare them with the users' ARNs.
            throw new UsageException(label + ": \"world.accounts[0].accountId\" is the home account, which a local run"
                    + " has as " + LocalFunctions.LOCAL_HOME_ACCOUNT_ID + " (the local engine's executions are in it),"
                    + " not " + homeAccount + "; give the member accounts other ids");
        }
        boolean noWaits = document.engine() != null && Boolean.TRUE.equals(document.engine().noWaits());
        return new FleetScenarioFile(file, document.description() == null ? "" : document.description(),
                (ObjectNode) document.fleet(), document.world(), now, noWaits);
    }

    /** The clock of a local run: it starts at the world's "now" and runs in real time. */
    Clock realTimeClock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
    }

    /** The organization, each account's IAM loaded from its world; a malformed world names its key. */
    SimulatedOrganization organization(Clock clock) {
        try {
            return SimulatedOrganization.fromWorld(world, clock);
        } catch (IllegalArgumentException e) {
            throw UsageException.of(label(), List.of("world." + e.getMessage()));
        }
    }
}
