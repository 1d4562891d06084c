package dev.offboarding.startoffboarding;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.offboarding.json.Validatable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An event as EventBridge delivers it to start-offboarding: an offboarding request from another system
 * ({@link OffboardingEvent}), a fleet request from another system ({@link FleetOffboardingEvent}), or an IAM Access
 * Analyzer finding of unused access ({@link UnusedAccessFindingEvent}),
 * told apart by their {@code source} and {@code detail-type} and each read as strictly as its own record says.
 */
@JsonDeserialize(using = DeliveredEvent.Reader.class)
public sealed interface DeliveredEvent extends Validatable
        permits OffboardingEvent, UnusedAccessFindingEvent, FleetOffboardingEvent {

    String id();

    String source();

    String account();

    Instant time();

    String replayName();

    /** What an event another system sends must have of EventBridge's envelope: its id, source and time. */
    static List<String> envelopeProblems(DeliveredEvent event) {
        List<String> problems = new ArrayList<>();
        if (event.id() == null || event.id().isBlank()) {
            problems.add("id is required: the EventBridge event id (EventBridge sets it)");
        }
        if (event.source() == null || event.source().isBlank()) {
            problems.add("source is required: the EventBridge event source, e.g. \"hr.system\"");
        }
        if (event.time() == null) {
            problems.add("time is required: when the event happened, e.g. \"2026-11-20T12:00:00Z\"");
        }
        return problems;
    }

    /** Reads the event as the record its source and detail-type name. */
    final class Reader extends StdDeserializer<DeliveredEvent> {
        Reader() {
            super(DeliveredEvent.class);
        }

        @Override
        public DeliveredEvent deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode event = context.readTree(parser);
            Class<? extends DeliveredEvent> kind = UnusedAccessFindingEvent.isOne(event)
                    ? UnusedAccessFindingEvent.class
                    : FleetOffboardingEvent.isOne(event) ? FleetOffboardingEvent.class : OffboardingEvent.class;
            return context.readTreeAsValue(event, kind);
        }
    }
}
