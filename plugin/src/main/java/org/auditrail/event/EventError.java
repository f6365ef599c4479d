package org.auditrail.event;

/**
 * What went wrong.
 *
 * @param type the kind of failure, such as an incident type or an exception class
 * @param message the message as the engine or the failing component reported it
 */
public record EventError(String type, String message) {}
