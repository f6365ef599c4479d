package org.auditrail.narrative;

/**
 * Why the check dropped a sentence or a risk tag.
 *
 * @param reason a stable code: {@code no_citation}, {@code unknown_citation}, {@code number_not_cited},
 *     {@code date_not_cited}, {@code name_not_cited}, {@code decision_value_not_cited} or {@code tag_not_allowed}
 * @param detail what exactly failed, quoting only the offending value (bounded by the answer's parser)
 */
public record Drop(String reason, String detail) {}
