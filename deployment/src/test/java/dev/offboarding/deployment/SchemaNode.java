package dev.offboarding.deployment;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/** A part of a JSON Schema and the document it sits in, so that a {@code $ref} in it resolves as a validator does. */
record SchemaNode(URI document, JsonNode node) {

    /** This node, or what its {@code $ref} points to (followed until a node without one). */
    SchemaNode resolved() {
        SchemaNode current = this;
        while (current.node.isObject() && current.node.has("$ref")) {
            URI target = current.document.resolve(current.node.get("$ref").asText());
            URI file = URI.create(target.getScheme() + ":" + target.getRawSchemeSpecificPart());
            String fragment = target.getFragment() == null ? "" : target.getFragment();
            JsonNode root = Schemas.document(file);
            JsonNode pointed = root.at(JsonPointer.compile(fragment));
            if (pointed.isMissingNode()) {
                throw new AssertionError(current.document + ": $ref " + current.node.get("$ref").asText()
                        + " points to nothing");
            }
            current = new SchemaNode(file, pointed);
        }
        return current;
    }

    /** A part of this node, in the same document. */
    SchemaNode child(JsonNode part) {
        return new SchemaNode(document, part);
    }
}
