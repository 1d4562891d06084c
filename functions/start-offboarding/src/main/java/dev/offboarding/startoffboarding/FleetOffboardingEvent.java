package dev.offboarding.startoffboarding;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.offboarding.fleet.FieldNames;
import dev.offboarding.fleet.FleetRequest;
import dev.offboarding.validation.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * An EventBridge event of detail-type {@value #DETAIL_TYPE} whose {@code detail} is a fleet request: it starts the
 * OffboardFleet workflow. Its source is the offboarding events' (the rule's pattern says which). The detail is read
 * as strictly as every request and checked as the run this event starts ({@link FleetRequest#problemsAsSent}: with
 * the approval and the deployment's limits an event's run keeps, and without a {@code trigger} of its own). What a
 * well-formed event may ask for besides is {@link EventPolicy}'s to say.
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
public record FleetOffboardingEvent(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        Instant time,
        String region,
        List<String> resources,
        FleetRequest detail,
        @JsonProperty("replay-name") String replayName) implements DeliveredEvent {

    public static final String DETAIL_TYPE = "Fleet Offboarding Requested";

    /** Whether this event, as EventBridge delivers it, is one of these: by its detail-type. */
    static boolean isOne(JsonNode event) {
        return event.isObject() && DETAIL_TYPE.equals(event.path("detail-type").textValue());
    }

    @Override
    public List<String> problems() {
        List<String> problems = DeliveredEvent.envelopeProblems(this);
        if (detail == null) {
            problems.add("detail is required: the fleet request, e.g. \"detail\": {\"unusedForDays\": 90,"
                    + " \"reason\": \"Quarterly clean-up\"}");
        } else {
            // Without its id, source or time the event is refused anyway: its detail is checked as a request.
            problems.addAll(detail.problemsAsSent(problems.isEmpty() ? trigger() : null, FieldNames.under("detail")));
        }
        return problems;
    }

    /** The fleet request to start the workflow with: the detail, with this event as its trigger. */
    FleetRequest request() {
        return detail.withTrigger(trigger());
    }

    private Trigger trigger() {
        return new Trigger(id, source, time);
    }
}
