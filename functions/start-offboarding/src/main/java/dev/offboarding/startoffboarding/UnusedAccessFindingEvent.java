package dev.offboarding.startoffboarding;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.offboarding.validation.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IAM Access Analyzer's event for a new or changed unused access finding, as EventBridge delivers it to the default
 * bus of the analyzer's account and region: {@code account} is the analyzer's account, {@code resources} the
 * analyzer's ARN, {@code detail} the finding ({@link UnusedAccessFinding}). The envelope is read strictly (EventBridge
 * writes exactly these fields).
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
public record UnusedAccessFindingEvent(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        Instant time,
        String region,
        List<String> resources,
        UnusedAccessFinding detail,
        @JsonProperty("replay-name") String replayName) implements DeliveredEvent {

    public static final String SOURCE = "aws.access-analyzer";
    public static final String DETAIL_TYPE = "Unused Access Finding for IAM entities";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** Whether this event, as EventBridge delivers it, is one of these: by its source and detail-type. */
    static boolean isOne(JsonNode event) {
        return event.isObject() && SOURCE.equals(event.path("source").textValue())
                && DETAIL_TYPE.equals(event.path("detail-type").textValue());
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (id == null || id.isBlank()) {
            problems.add("id is required: the EventBridge event id (EventBridge sets it)");
        } else if (id.length() > Trigger.MAX_LENGTH) {
            problems.add("id is " + id.length() + " characters long; at most " + Trigger.MAX_LENGTH);
        }
        if (time == null) {
            problems.add("time is required: when the event happened, e.g. \"2023-09-29T17:31:40Z\"");
        }
        if (account == null || !ACCOUNT_ID.matcher(account).matches()) {
            problems.add("account is required: the 12-digit id of the analyzer's account (EventBridge sets it)");
        }
        if (detail == null) {
            problems.add("detail is required: the finding, e.g. \"detail\": {\"findingId\": \"...\", ...}");
        } else {
            detail.problems().forEach(problem -> problems.add("detail." + problem));
        }
        return problems;
    }

    /** This event, as the trigger of what it starts. */
    Trigger trigger() {
        return new Trigger(id, source, time);
    }
}
