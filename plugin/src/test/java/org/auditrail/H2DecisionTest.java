package org.auditrail;

/** DMN decisions and gateway conditions on the embedded default database. */
class H2DecisionTest extends DecisionContract {}
