package org.auditrail;

/** Human review on the embedded default database. */
class H2ReviewTaskTest extends ReviewTaskContract {}
