package org.auditrail;

/** External tasks and their workers' reports on the embedded default database. */
class H2ExternalTaskTest extends ExternalTaskContract {}
