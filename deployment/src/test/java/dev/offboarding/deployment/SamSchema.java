package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The SAM template schema (draft-04), from the SAM project: unknown properties of SAM resources are errors. */
final class SamSchema {
    private static final JsonSchema SCHEMA = load();

    private SamSchema() {
    }

    /** What is wrong with the template, one message per problem; empty when it is valid. */
    static List<String> problems(Template template) {
        return SCHEMA.validate(template.root()).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load() {
        try (InputStream in = SamSchema.class.getResourceAsStream("/sam/sam.schema.json")) {
            JsonNode schema = TemplateYaml.JSON.readTree(in);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
