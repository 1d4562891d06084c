package dev.offboarding.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The statements a SAM policy template expands to (from sam-policy-templates.json). */
final class SamPolicyTemplates {
    private static final JsonNode TEMPLATES = load();

    private SamPolicyTemplates() {
    }

    static List<JsonNode> statements(String name) {
        JsonNode template = TEMPLATES.path("Templates").path(name);
        if (template.isMissingNode()) {
            throw new IllegalArgumentException("no SAM policy template named " + name);
        }
        List<JsonNode> statements = new ArrayList<>();
        template.path("Definition").path("Statement").forEach(statements::add);
        return statements;
    }

    private static JsonNode load() {
        try (InputStream in = SamPolicyTemplates.class.getResourceAsStream("/sam/sam-policy-templates.json")) {
            return TemplateYaml.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
