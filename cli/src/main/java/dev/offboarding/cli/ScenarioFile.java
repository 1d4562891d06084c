package dev.offboarding.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.RequestReader;
import dev.offboarding.json.Validatable;
import dev.offboarding.model.Outcome;
import dev.offboarding.simulator.IamSimulator;
import dev.offboarding.simulator.World;
import dev.offboarding.validation.OffboardingRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario for a local run: the request, the IAM world the simulator starts from, how the simulator behaves, how
 * the engine runs, and the outcome or Error the run is expected to end in.
 *
 * <pre>
 * {"description": "...", "request": {"userName": ...}, "world": {...},
 *  "simulator": {"visibilityLagSeconds": 3, "pageSize": 100, "recreateAccessKeyOnDelete": false},
 *  "engine": {"noWaits": false, "zeroWaits": ["WaitForQuarantine"]},
 *  "watch": {"sessions": [{"userName": "night_owl", "session": "laptop", "action": "s3:GetObject"}]},
 *  "expect": {"outcome": "DELETED"} | {"error": "Offboarding.UserProtected"}}
 * </pre>
 *
 * <p>The file is read as strictly as a request: with the project's mapper, into records, so that a key given twice,
 * an explicit null, a value of the wrong type (a string for a number), a number out of bounds or an unknown key, at
 * any depth, is refused with a message that names the file and the key. The request must be a valid offboarding
 * request, without the fields only the workflow sets (memberAccount, trigger, execution).
 */
record ScenarioFile(Path file, String description, OffboardingRequest request, World world, Instant now,
                    long visibilityLagSeconds, int pageSize, boolean recreateAccessKeyOnDelete,
                    boolean noWaits, List<String> zeroWaits, String expectedOutcome, String expectedError,
                    List<WatchedSession> watchedSessions) {

    /** The simulator's visibility lag: from none to an hour (a local run is in real time). */
    static final long MAX_LAG_SECONDS = 3600;
    /** IAM's own bounds for a page (MaxItems). */
    static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_PAGE_SIZE = 100;
    static final Instant DEFAULT_NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String AN_OBJECT = "a JSON object such as"
            + " {\"request\": {\"userName\": \"little_tester\"}, \"world\": {...}}";

    /** The file as written: each part a record, read by the strict request reader. */
    record Document(String description, OffboardingRequest request, World world, Simulator simulator,
                    Engine engine, Expect expect, Watch watch) implements Validatable {
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
            }
            if (simulator != null) {
                problems.addAll(simulator.problems());
            }
            if (expect != null) {
                problems.addAll(expect.problems());
            }
            if (watch != null) {
                problems.addAll(watch.problems());
            }
            return problems;
        }

        private static java.util.Optional<String> workflowOnly(String field, Object value) {
            return value == null ? java.util.Optional.empty() : java.util.Optional.of("\"request." + field
                    + "\" is set by the workflow, never by whoever asks for an offboarding: leave it out");
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

    /** Live sessions whose requests the run follows, each a session the world declares for its user. */
    record Watch(List<WatchedSession> sessions) {
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            List<WatchedSession> all = sessions == null ? List.of() : sessions;
            for (int i = 0; i < all.size(); i++) {
                all.get(i).problems("\"watch.sessions[" + i + "]", problems);
            }
            return problems;
        }
    }

    /** A session of the world ({@code users[].sessions[].name}) and the action its requests ask for. */
    record WatchedSession(String userName, String session, String action) {
        private static final java.util.regex.Pattern ACTION = java.util.regex.Pattern.compile(
                "[a-z0-9-]{2,32}:[A-Za-z0-9]{1,128}");

        void problems(String at, List<String> problems) {
            if (userName == null) {
                problems.add(at + ".userName\" must name a user of the world, e.g. \"night_owl\"");
            } else {
                problems.addAll(dev.offboarding.validation.UserNames.problems(at.substring(1) + ".userName", userName));
            }
            if (session == null || session.isBlank()) {
                problems.add(at + ".session\" must name one of the user's sessions in the world"
                        + " (users[].sessions[].name)");
            }
            if (action == null || !ACTION.matcher(action).matches()) {
                problems.add(at + ".action\" must be an IAM action such as \"s3:GetObject\"");
            }
        }
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
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new UsageException(label(file) + " is empty: it must hold " + AN_OBJECT);
        }
        Document document;
        try {
            JsonNode tree = RequestReader.readTree(new ByteArrayInputStream(bytes));
            if (tree == null || !tree.isObject()) {
                throw new UsageException(label(file) + " must hold " + AN_OBJECT);
            }
            if (FleetScenarioFile.isFleetScenario(tree)) {
                throw new UsageException(label(file) + " is a fleet scenario (it has \"fleet\"): run it with --fleet "
                        + file);
            }
            RequestReader.refuseAnyNull(tree, "");
            document = RequestReader.read(tree, Document.class);
        } catch (InvalidRequestException e) {
            throw UsageException.of(label(file), e.problems());
        }
        Simulator simulator = document.simulator() == null ? new Simulator(null, null, null) : document.simulator();
        Engine engine = document.engine() == null ? new Engine(null, null) : document.engine();
        Expect expect = document.expect() == null ? new Expect(null, null) : document.expect();
        List<WatchedSession> watched = document.watch() == null || document.watch().sessions() == null ? List.of()
                : List.copyOf(document.watch().sessions());
        return new ScenarioFile(file, document.description() == null ? "" : document.description(),
                document.request(), document.world(), orElse(document.world().now(), DEFAULT_NOW),
                orElse(simulator.visibilityLagSeconds(), 0L), orElse(simulator.pageSize(), DEFAULT_PAGE_SIZE),
                orElse(simulator.recreateAccessKeyOnDelete(), false), orElse(engine.noWaits(), false),
                engine.zeroWaits() == null ? List.of() : List.copyOf(engine.zeroWaits()),
                expect.outcome() == null ? null : expect.outcome().name(), expect.error(), watched);
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
            // The simulator names keys by their path in the world ("users[0].accessKeys: ..."); here it is "world".
            throw UsageException.of(label(), List.of("world." + e.getMessage()));
        }
        return simulator.visibilityLag(Duration.ofSeconds(lagSeconds)).pageSize(pageSize);
    }

    private static <T> T orElse(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
