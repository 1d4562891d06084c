package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.offboarding.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JSON Schemas in {@code schemas/} (draft 2020-12): {@code <function>.input} and {@code <function>.output} for each
 * function, the workflows' inputs and the audit record, with what they share in {@code schemas/definitions/}. Each is
 * loaded from its file, so a relative {@code $ref} resolves as it does for any other tool.
 */
final class Schemas {
    static final Path DIR = Repository.ROOT.resolve("schemas");
    static final String SUFFIX = ".schema.json";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<URI, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static Path file(String name) {
        return DIR.resolve(name + SUFFIX);
    }

    /** The names of the top-level schemas: {@code schemas/<name>.schema.json}. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code value} as {@code schemas/<name>.schema.json} states it; empty when it is valid. */
    static List<String> problems(String name, JsonNode value) {
        JsonSchema schema = COMPILED.computeIfAbsent(name, n -> {
            if (!Files.isRegularFile(file(n))) {
                throw new AssertionError("no schema " + Repository.ROOT.relativize(file(n)));
            }
            return FACTORY.getSchema(file(n).toUri());
        });
        return messages(schema, value);
    }

    /** The same for a schema held in memory as if it were the file at {@code document} (its $refs resolve from there). */
    static List<String> problems(SchemaNode schema, JsonNode value) {
        return messages(FACTORY.getSchema(schema.document(), schema.node()), value);
    }

    private static List<String> messages(JsonSchema schema, JsonNode value) {
        return schema.validate(value).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The top-level schema {@code name} as a node to walk. */
    static SchemaNode node(String name) {
        URI uri = file(name).toUri();
        return new SchemaNode(uri, document(uri));
    }

    static JsonNode document(URI file) {
        return DOCUMENTS.computeIfAbsent(file, uri -> {
            try {
                return Json.mapper().readTree(Path.of(uri).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
