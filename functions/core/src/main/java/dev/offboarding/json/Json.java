package dev.offboarding.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON configuration of the contract. Reading is strict, because a request that is silently reinterpreted
 * can delete the wrong thing: an unknown field (a typo such as "dryrun"), a repeated field, a string where a boolean
 * belongs, or a number where a name belongs is an error, never coerced. Dates are ISO-8601 instants.
 */
public final class Json {
    private static final ObjectMapper MAPPER = create();
    private static final ObjectMapper OMITTING_NULLS =
            MAPPER.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final ObjectMapper ALLOWING_COMMENTS = MAPPER.copy().enable(JsonParser.Feature.ALLOW_COMMENTS);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The same configuration, writing only the fields that are set: for a request handed to the workflow as its
     * input, where an explicit null is refused (leaving a field out is how to ask for its default).
     */
    public static ObjectMapper omittingNulls() {
        return OMITTING_NULLS;
    }

    /** The same configuration, for a file a person writes: it may hold comments ({@code //} and block comments). */
    public static ObjectMapper allowingComments() {
        return ALLOWING_COMMENTS;
    }

    private static ObjectMapper create() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("instants-as-text").addDeserializer(Instant.class, new TextualInstants()))
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // {"userName": "alice", "userName": "bob"} must not quietly act on bob.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
        for (LogicalType textual : new LogicalType[] {LogicalType.Textual, LogicalType.Enum}) {
            mapper.coercionConfigFor(textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** A date is an ISO-8601 string: a number would be read as seconds since 1970, a deadline long past. */
    private static final class TextualInstants extends StdDeserializer<Instant> {
        TextualInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
