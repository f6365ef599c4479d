/**
 * Case evidence bundles: one case's events, their inclusion proofs against a signed checkpoint and the content they
 * reference, in a ZIP that an auditor verifies offline with the public keys alone.
 */
package org.auditrail.verify.bundle;
