package org.auditrail;

/** Numbers canonical JSON cannot hold, on the embedded default database. */
class H2UnrepresentableNumbersTest extends UnrepresentableNumbersContract {}
