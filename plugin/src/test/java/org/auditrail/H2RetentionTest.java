package org.auditrail;

/** Retention tiers on the embedded default database. */
class H2RetentionTest extends RetentionContract {}
