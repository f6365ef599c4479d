/**
 * Capture: the process-engine plugin that turns everything the engine does (history events, task lifecycle,
 * gateway decisions, deployments) into audit events, buffered per command and written at the engine's flush.
 */
package org.auditrail.capture;
