package dev.offboarding.json;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Lambda handler whose JSON is read and written by this project's contract rather than by the runtime's
 * built-in serializer, so that a malformed request fails with an {@link dev.offboarding.errors.InvalidRequestException}
 * naming the field (the runtime's serializer would fail before the handler runs, with a message that names
 * neither the field nor the fix) and dates keep one ISO-8601 form.
 */
public abstract class JsonRequestHandler<I, O> implements RequestStreamHandler {
    private final Class<I> requestType;

    protected JsonRequestHandler(Class<I> requestType) {
        this.requestType = requestType;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        I request = RequestReader.read(input, requestType, this::checkRaw);
        O result = handle(request, context);
        output.write(Json.mapper().writeValueAsBytes(result));
    }

    /** A check of the raw request before it is read into its record; none by default. */
    protected void checkRaw(JsonNode request) {
    }

    /** Serves one validated request. Throws an {@code dev.offboarding.errors} exception to fail. */
    public abstract O handle(I request, Context context);
}
