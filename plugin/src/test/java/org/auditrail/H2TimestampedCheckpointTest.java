package org.auditrail;

/** Time-stamped checkpoints on the embedded default database. */
class H2TimestampedCheckpointTest extends TimestampedCheckpointContract {}
