package dev.offboarding.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import dev.offboarding.json.Validatable;
import dev.offboarding.model.Outcome;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.validation.OffboardingRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A scenario for a local run: the request, the IAM world the simulator starts from, how the simulator behaves, how
 * the engine runs, and the outcome or Error the run is expected to end in.
 *
 * <pre>
 * {"description": "...", "request": {"userName": ...}, "world": {...},
 *  "simulator": {"visibilityLagSeconds": 3, "pageSize": 100, "recreateAccessKeyOnDelete": false},
 *  "engine": {"noWaits": false, "zeroWaits": ["WaitForQuarantine"]},
 *  "expect": {"outcome": "DELETED"} | {"error": "Offboarding.UserProtected"}}
 * </pre>
 *
 * <p>The file is read as strictly as a request: with the project's mapper, into records, so that a key given twice,
 * an explicit null, a value of the wrong type (a string for a number), a number out of bounds or an unknown key, at
 * any depth, is refused with a message that names the file and the key. The request must be a valid offboarding
 * request, without the fields only the workflow sets (memberAccount, trigger, execution).
 */
record ScenarioFile(Path file, String description, OffboardingRequest request, JsonNode world, Instant now,
                    long visibilityLagSeconds, int pageSize, boolean recreateAccessKeyOnDelete,
                    boolean noWaits, List<String> zeroWaits, String expectedOutcome, String expectedError) {

    /** The simulator's visibility lag: from none to an hour (a local run is in real time). */
    static final long MAX_LAG_SECONDS = 3600;
    /** IAM's own bounds for a page (MaxItems). */
    static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_PAGE_SIZE = 100;
    static final Instant DEFAULT_NOW = Instant.parse("2026-11-20T12:00:00Z");

    /** The file as written: each part a record, read by the strict request reader. */
    record Document(String description, OffboardingRequest request, JsonNode world, Simulator simulator,
                    Engine engine, Expect expect) implements Validatable {
        @Override
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (request == null) {
                problems.add("\"request\" is required: the offboarding request, e.g. {\"userName\": \"little_tester\"}");
            } else {
                request.problems().forEach(problem -> problems.add("request." + problem));
                workflowOnly("memberAccount", request.memberAccount()).ifPresent(problems::add);
                workflowOnly("trigger", request.trigger()).ifPresent(problems::add);
                workflowOnly("execution", request.execution()).ifPresent(problems::add);
            }
            if (world == null) {
                problems.add("\"world\" is required: the IAM world the simulator starts from"
                        + " (see iam-simulator/README.md)");
            } else if (!world.isObject()) {
                problems.add("\"world\" must be a JSON object: the IAM world the simulator starts from"
                        + " (see iam-simulator/README.md)");
            } else if (world.has("now") && !isInstant(world.get("now"))) {
                problems.add("\"world.now\" must be an ISO-8601 timestamp such as \"2026-11-20T12:00:00Z\"");
            }
            if (simulator != null) {
                problems.addAll(simulator.problems());
            }
            if (expect != null) {
                problems.addAll(expect.problems());
            }
            return problems;
        }

        private static java.util.Optional<String> workflowOnly(String field, Object value) {
            return value == null ? java.util.Optional.empty() : java.util.Optional.of("\"request." + field
                    + "\" is set by the workflow, never by whoever asks for an offboarding: leave it out");
        }

        private static boolean isInstant(JsonNode now) {
            try {
                Instant.parse(now.textValue() == null ? "" : now.textValue());
                return now.isTextual();
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    record Simulator(Long visibilityLagSeconds, Integer pageSize, Boolean recreateAccessKeyOnDelete) {
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (visibilityLagSeconds != null && (visibilityLagSeconds < 0 || visibilityLagSeconds > MAX_LAG_SECONDS)) {
                problems.add("\"simulator.visibilityLagSeconds\" must be from 0 to " + MAX_LAG_SECONDS
                        + " (an hour); it is " + visibilityLagSeconds);
            }
            if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
                problems.add("\"simulator.pageSize\" must be from 1 to " + MAX_PAGE_SIZE + " (IAM's bounds for"
                        + " MaxItems); it is " + pageSize);
            }
            return problems;
        }
    }

    record Engine(Boolean noWaits, List<String> zeroWaits) {
    }

    record Expect(Outcome outcome, String error) {
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (outcome != null && error != null) {
                problems.add("\"expect\" holds either \"outcome\" or \"error\", not both");
            }
            if (error != null && error.isBlank()) {
                problems.add("\"expect.error\" must name an Error, e.g. \"Offboarding.UserProtected\"");
            }
            return problems;
        }
    }

    String userName() {
        return request.userName();
    }

    String name() {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    /** How the file is named in messages. */
    String label() {
        return label(file);
    }

    private static String label(Path file) {
        return "scenario file " + file;
    }

    /**
     * Reads and checks the file. Every way it can be malformed is a {@link UsageException} naming the file and the
     * key; only a file that exists but cannot be read is a {@link CannotRunException}.
     */
    static ScenarioFile load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no scenario file " + file + ": see events/scenarios/ for the ones provided");
        } catch (IOException e) {
            throw new CannotRunException("cannot read " + label(file) + ": " + e.getMessage(), e);
        }
        JsonNode tree = parse(file, bytes);
        List<String> problems = new ArrayList<>();
        refuseNullsAndHugeNumbers(tree, "", problems);
        if (!problems.isEmpty()) {
            throw UsageException.of(label(file), problems);
        }
        Document document;
        try {
            document = RequestReader.read(new ByteArrayInputStream(bytes), Document.class);
        } catch (InvalidRequestException e) {
            throw UsageException.of(label(file), e.problems());
        }
        Simulator simulator = document.simulator() == null ? new Simulator(null, null, null) : document.simulator();
        Engine engine = document.engine() == null ? new Engine(null, null) : document.engine();
        Expect expect = document.expect() == null ? new Expect(null, null) : document.expect();
        JsonNode now = document.world().get("now");
        return new ScenarioFile(file, document.description() == null ? "" : document.description(),
                document.request(), document.world(), now == null ? DEFAULT_NOW : Instant.parse(now.textValue()),
                orElse(simulator.visibilityLagSeconds(), 0L), orElse(simulator.pageSize(), DEFAULT_PAGE_SIZE),
                orElse(simulator.recreateAccessKeyOnDelete(), false), orElse(engine.noWaits(), false),
                engine.zeroWaits() == null ? List.of() : List.copyOf(engine.zeroWaits()),
                expect.outcome() == null ? null : expect.outcome().name(), expect.error());
    }

    /** The clock of a local run: it starts at the world's "now" and runs in real time. */
    Clock realTimeClock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
    }

    /**
     * The simulator, loaded with the file's world and behaving as the file says. A malformed world (an unknown key,
     * a wrong type, an invalid name, ...) is a {@link UsageException} naming the key as {@code world.<path>}.
     */
    IamSimulator simulator(Clock clock, long lagSeconds) {
        IamSimulator simulator;
        try {
            simulator = IamSimulator.fromWorld(world, clock);
        } catch (IllegalArgumentException e) {
            // The simulator names keys by their JSON path in the world: "$.users[0].accessKeys: ...".
            String message = String.valueOf(e.getMessage());
            throw UsageException.of(label(), List.of(message.startsWith("$") ? "world" + message.substring(1)
                    : "world: " + message));
        }
        return simulator.visibilityLag(Duration.ofSeconds(lagSeconds)).pageSize(pageSize);
    }

    private static JsonNode parse(Path file, byte[] bytes) {
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new UsageException(label(file) + " is empty: it must hold a JSON object such as"
                    + " {\"request\": {\"userName\": \"little_tester\"}, \"world\": {...}}");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UsageException(label(file) + ": " + jsonProblem(e));
        } catch (IOException e) {
            throw new CannotRunException("cannot read " + label(file) + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new UsageException(label(file) + " must hold a JSON object such as"
                    + " {\"request\": {\"userName\": \"little_tester\"}, \"world\": {...}}");
        }
        return tree;
    }

    /** What is wrong with text that is not one JSON document, with the key and the place where it could be told. */
    private static String jsonProblem(JsonProcessingException e) {
        String problem = String.valueOf(e.getOriginalMessage());
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (problem.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
            return "key \"" + path(parser.getParsingContext()) + "\" is given twice" + where
                    + ": keep one (a repeated key is never read as its last value)";
        }
        if (problem.startsWith("Trailing token")) {
            return "not valid JSON: more follows the scenario's object" + where + "; a scenario file holds one object";
        }
        int newline = problem.indexOf('\n');
        return "not valid JSON: " + (newline < 0 ? problem : problem.substring(0, newline)) + where;
    }

    /** {@code world.users[0].path}: the key the parser was at. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                path.insert(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "]");
            }
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    /**
     * An explicit null is ambiguous (was the default meant, or a value forgotten?) wherever it is, so it is refused:
     * leaving the key out is how to ask for its default. A whole number beyond 32 bits (beyond 64 in the world) can
     * never be meant here, and would otherwise reach the reader as an unlabeled overflow.
     */
    private static void refuseNullsAndHugeNumbers(JsonNode node, String path, List<String> problems) {
        if (node.isNull()) {
            problems.add("\"" + path + "\" is null: leave the key out to use its default, or give a value");
        } else if (node.isIntegralNumber() && !(path.startsWith("world") ? node.canConvertToLong() : node.canConvertToInt())) {
            problems.add("\"" + path + "\" is " + node.asText() + ": far beyond any value it can take");
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                refuseNullsAndHugeNumbers(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                        problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNullsAndHugeNumbers(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static <T> T orElse(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
