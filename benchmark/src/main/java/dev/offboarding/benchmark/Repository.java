package dev.offboarding.benchmark;

import dev.offboarding.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Where the benchmark finds what it measures: the repository it is run from. */
record Repository(Path root) {

    static Repository find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("statemachine/offboard-user.asl.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the benchmark from inside the repository");
        }
        return new Repository(dir);
    }

    Path scenario(String name) {
        return root.resolve("events/scenarios/" + name + ".json");
    }

    Path lambdaJar(String function) {
        return root.resolve("functions/" + function + "/target/" + function + "-lambda.jar");
    }

    Path baselineJar() {
        return root.resolve("benchmark/baseline/target/baseline-lambda.jar");
    }

    Path harnessJar() {
        return root.resolve("benchmark/target/benchmark-harness.jar");
    }

    /** The Lambda context the harness passes: not in a function's jar, which Lambda runs with its own. */
    Path localContextJar() {
        return root.resolve("local-context/target/local-context.jar");
    }

    Path definition() {
        return root.resolve("statemachine/offboard-user.asl.json");
    }

    Path substitutions() {
        return root.resolve("statemachine/test/substitutions.json");
    }

    /** The definition's substitutions as the conformance suite gives them, every function served locally. */
    Map<String, String> substitutionValues() throws IOException {
        Map<String, String> values = new TreeMap<>();
        Json.mapper().readTree(Files.readString(substitutions())).fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
