package dev.offboarding.fleetrun;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.offboarding.errors.InvalidRequestException;
import dev.offboarding.json.RequestReader;
import dev.offboarding.json.Validatable;
import java.io.IOException;
import java.util.Arrays;

/**
 * What fleet-run is given: one stage's input, told apart by its {@code stage} and read as strictly as that stage's
 * record says (VALIDATE {@link ValidateInput}, ITEMS, LIMIT and REPORT {@link StageInputs}); each of those records is
 * read as itself ({@code JsonDeserializer.None}), not through {@link Reader} again.
 */
@JsonDeserialize(using = StageInput.Reader.class)
sealed interface StageInput extends Validatable
        permits ValidateInput, StageInputs.Items, StageInputs.Limit, StageInputs.Report {

    Stage stage();

    /** Reads the input as the record its stage names. */
    final class Reader extends StdDeserializer<StageInput> {
        Reader() {
            super(StageInput.class);
        }

        @Override
        public StageInput deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode input = context.readTree(parser);
            Class<? extends StageInput> type = switch (stageOf(input.get("stage"))) {
                case VALIDATE -> ValidateInput.class;
                case ITEMS -> StageInputs.Items.class;
                case LIMIT -> StageInputs.Limit.class;
                case REPORT -> StageInputs.Report.class;
            };
            return RequestReader.read(input, type);
        }

        private static Stage stageOf(JsonNode stage) {
            if (stage != null && stage.isTextual()) {
                for (Stage known : Stage.values()) {
                    if (known.name().equals(stage.asText())) {
                        return known;
                    }
                }
            }
            throw new InvalidRequestException("field \"stage\" must be one of " + Arrays.toString(Stage.values())
                    + ": which step of the fleet run to serve");
        }
    }
}
