/** The one event schema of the project: every audit record, of every kind, is an {@link org.auditrail.event.AuditEvent}. */
package org.auditrail.event;
