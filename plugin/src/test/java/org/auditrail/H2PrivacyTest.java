package org.auditrail;

/** Privacy by design on the embedded default database. */
class H2PrivacyTest extends PrivacyContract {}
