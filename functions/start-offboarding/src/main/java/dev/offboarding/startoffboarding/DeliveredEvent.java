package dev.offboarding.startoffboarding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.offboarding.json.Validatable;
import java.io.IOException;
import java.time.Instant;

/**
 * An event as EventBridge delivers it to start-offboarding: an offboarding request from another system
 * ({@link OffboardingEvent}), or an IAM Access Analyzer finding of unused access ({@link UnusedAccessFindingEvent}),
 * told apart by their {@code source} and {@code detail-type} and each read as strictly as its own record says.
 */
@JsonDeserialize(using = DeliveredEvent.Reader.class)
public sealed interface DeliveredEvent extends Validatable permits OffboardingEvent, UnusedAccessFindingEvent {

    String id();

    String source();

    String account();

    Instant time();

    String replayName();

    /** Reads the event as the record its source and detail-type name. */
    final class Reader extends StdDeserializer<DeliveredEvent> {
        Reader() {
            super(DeliveredEvent.class);
        }

        @Override
        public DeliveredEvent deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode event = context.readTree(parser);
            Class<? extends DeliveredEvent> kind = UnusedAccessFindingEvent.isOne(event)
                    ? UnusedAccessFindingEvent.class : OffboardingEvent.class;
            return context.readTreeAsValue(event, kind);
        }
    }
}
