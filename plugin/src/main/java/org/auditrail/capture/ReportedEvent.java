package org.auditrail.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.auditrail.event.EventError;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;

/**
 * One AI step an external worker reports about its task, as validated from its request: what the worker may say.
 * The event id, trace, parent, context and actor are the plugin's to assign ({@link WorkerEvents}).
 *
 * @param reportedAt the worker's own clock, kept as a claim in the metadata; the event's timestamp is the plugin's
 */
public record ReportedEvent(EventType type, JsonNode input, JsonNode output, ObjectNode metadata, Outcome outcome,
    EventError error, Instant reportedAt) {}
