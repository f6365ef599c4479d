package org.auditrail;

/** The conditions on AI work and on sealing, on H2. */
class H2AlertConditionsTest extends AlertConditionsContract {}
