/** Encodings of the stored log that the plugin writes and the verifier reads, kept in one place for both. */
package org.auditrail.logformat;
