package org.auditrail.store;

import java.time.Instant;

/**
 * One case as a search lists it, from all its events (not only those in the search's time range).
 *
 * @param processInstanceId the case's root process instance (its trace id)
 * @param businessKey the business key as the events carry it (a token or index for a personal key)
 * @param aiCalls the case's {@code model_call} events
 * @param reviews the case's {@code human_review} events
 */
public record CaseSummary(String processInstanceId, String processDefinitionKey, String businessKey,
    Instant firstEventTime, Instant lastEventTime, long eventCount, long aiCalls, long reviews) {}
