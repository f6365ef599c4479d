/**
 * The auditor's read side: a case's whole trail, filtered event queries, content by hash, a case's evidence bundle
 * for offline verification. Their HTTP API is in {@code org.auditrail.web}.
 */
package org.auditrail.trail;
