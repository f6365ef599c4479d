/**
 * The auditor's read side: a case's whole trail, filtered event queries, content by hash, a case's evidence bundle
 * for offline verification; and their HTTP API.
 */
package org.auditrail.trail;
