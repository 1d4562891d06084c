package dev.offboarding.startoffboarding;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.offboarding.validation.OffboardingRequest;
import dev.offboarding.validation.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * An EventBridge event whose {@code detail} is an offboarding request. Read as strictly as every other request, so a
 * malformed event is refused naming the field ({@code detail.userName}, {@code detail.dryRun}, ...). What a
 * well-formed event may ask for is {@link EventPolicy}'s to say.
 * {@code replay-name} is set by EventBridge on events replayed from an archive.
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
public record OffboardingEvent(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        Instant time,
        String region,
        List<String> resources,
        OffboardingRequest detail,
        @JsonProperty("replay-name") String replayName) implements DeliveredEvent {

    @Override
    public List<String> problems() {
        List<String> problems = DeliveredEvent.envelopeProblems(this);
        if (detail == null) {
            problems.add("detail is required: the offboarding request, e.g. \"detail\": {\"userName\": \"little_tester\"}");
        } else {
            detail.problems().forEach(problem -> problems.add("detail." + problem));
        }
        return problems;
    }

    /** The request to start the workflow with: the detail, with this event as its trigger for the audit record. */
    public OffboardingRequest request() {
        return detail.withTrigger(new Trigger(id, source, time));
    }
}
