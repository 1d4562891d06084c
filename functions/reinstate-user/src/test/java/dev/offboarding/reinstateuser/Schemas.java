package dev.offboarding.reinstateuser;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The project's JSON Schemas (schemas/, draft 2020-12), each loaded from its file so that its $refs resolve. */
final class Schemas {
    private static final Path DIR = Path.of(System.getProperty("basedir", ".")).resolve("../../schemas")
            .toAbsolutePath().normalize();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** What is wrong with {@code value} as {@code schemas/<name>.schema.json} states it; empty when it is valid. */
    static List<String> problems(String name, JsonNode value) {
        JsonSchema schema = COMPILED.computeIfAbsent(name,
                n -> FACTORY.getSchema(DIR.resolve(n + ".schema.json").toUri()));
        return schema.validate(value).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
