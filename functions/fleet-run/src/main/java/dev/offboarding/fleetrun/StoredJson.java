package dev.offboarding.fleetrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.errors.RecordStoreUnavailableException;
import dev.offboarding.json.Json;
import dev.offboarding.json.RequestReader;
import dev.offboarding.records.RecordStore;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/** The fleet's own files in the record store, written and read with the contract's one JSON configuration. */
final class StoredJson {
    private StoredJson() {
    }

    static void write(RecordStore store, String key, Object value) {
        write(store, key, value, Json.mapper());
    }

    /** Without null fields: for what a workflow hands on as input, where a null is refused. */
    static void writeOmittingNulls(RecordStore store, String key, Object value) {
        write(store, key, value, Json.omittingNulls());
    }

    private static void write(RecordStore store, String key, Object value, ObjectMapper mapper) {
        try {
            store.put(key, mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The file at {@code key}, read as strictly as a request; {@code what} says what it is and who writes it. Absent:
     * a {@link RecordStoreUnavailableException}; not of its shape: an {@link InvalidRequestException} naming the file.
     */
    static <T> T read(RecordStore store, String key, Class<T> type, String what) {
        return readIfPresent(store, key, type, what).orElseThrow(() -> new RecordStoreUnavailableException(
                what + " " + store.describe(key) + " is not there: the step that writes it has not run, or its write"
                        + " was lost; run the fleet again"));
    }

    static <T> Optional<T> readIfPresent(RecordStore store, String key, Class<T> type, String what) {
        Optional<byte[]> bytes = store.get(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode tree = RequestReader.readTree(new ByteArrayInputStream(bytes.get()));
            T value = RequestReader.read(tree, type);
            if (value == null) {
                throw new InvalidRequestException("it is empty");
            }
            return Optional.of(value);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(what + " " + store.describe(key) + " is not as it is written: "
                    + String.join("; ", e.problems()));
        }
    }
}
