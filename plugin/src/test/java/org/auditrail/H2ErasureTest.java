package org.auditrail;

/** Erasure from the engine's history on the embedded default database. */
class H2ErasureTest extends ErasureContract {}
