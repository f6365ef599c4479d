package org.auditrail;

/** Tokenization before a value goes anywhere, on the embedded default database. */
class H2PrivacyBoundaryTest extends PrivacyBoundaryContract {}
