package org.auditrail;

/** The SIEM stream on the embedded default database. */
class H2SiemStreamTest extends SiemStreamContract {}
