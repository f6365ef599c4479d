package org.auditrail.report;

import java.time.Instant;

/**
 * A generated report as it was archived: its bytes are in the content store under their SHA-256, and the
 * {@code report_generated} event that holds those hashes is in the audit log, so a later copy can be checked.
 */
public record ArchivedReport(ReportMonth month, String eventId, Instant generatedAt, String generatedBy,
    String pdfSha256, String htmlSha256, byte[] pdf, byte[] html) {}
