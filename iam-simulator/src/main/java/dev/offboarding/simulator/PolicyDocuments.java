package dev.offboarding.simulator;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Policy documents as IAM takes and returns them. */
final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PolicyDocuments() {
    }

    /** Accepts a document only when it is a JSON object, as IAM does. */
    static String requireJsonObject(String document) {
        try {
            JsonNode parsed = JSON.readTree(document);
            if (parsed != null && parsed.isObject()) {
                return document;
            }
        } catch (JsonProcessingException e) {
            // answered below, without echoing the document
        }
        throw IamErrors.malformedPolicy("Syntax errors in policy.");
    }

    static String compact(JsonNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serializes", e);
        }
    }

    /**
     * IAM returns policy documents URL-encoded (RFC 3986: every byte outside the unreserved set is
     * percent-encoded, spaces as %20), and the SDK hands that text through undecoded.
     */
    static String urlEncoded(String document) {
        StringBuilder out = new StringBuilder(document.length() * 2);
        for (byte b : document.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
