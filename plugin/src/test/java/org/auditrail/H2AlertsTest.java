package org.auditrail;

/** Alert rules and alerts on H2. */
class H2AlertsTest extends AlertsContract {}
