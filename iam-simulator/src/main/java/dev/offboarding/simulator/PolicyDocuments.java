package dev.offboarding.simulator;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.offboarding.json.Json;

/** Policy documents as IAM takes and returns them. */
final class PolicyDocuments {

    /**
     * IAM's reading of a policy document, not the product's contract: a policy is IAM's input, and IAM checks its
     * JSON syntax (nothing may follow the document) but documents no refusal of a repeated key, so the strict
     * reader's duplicate and type rules do not apply here.
     */
    private static final ObjectMapper IAM_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PolicyDocuments() {
    }

    /** The document as IAM reads it. */
    static JsonNode parse(String document) throws JsonProcessingException {
        return IAM_JSON.readTree(document);
    }

    /** Accepts a document only when it is a JSON object, as IAM does. */
    static String requireJsonObject(String document) {
        try {
            JsonNode parsed = parse(document);
            if (parsed != null && parsed.isObject()) {
                return document;
            }
        } catch (JsonProcessingException e) {
            // answered below, without echoing the document
        }
        throw IamErrors.malformedPolicy("Syntax errors in policy.");
    }

    /** A document's size as IAM's policy size quotas count it: every character but white space. */
    static int sizeAgainstQuota(String document) {
        return (int) document.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }

    static String compact(JsonNode document) {
        try {
            return Json.mapper().writeValueAsString(document);
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
