/** The auditor's read side: a case's whole trail, filtered event queries, content by hash; and their HTTP API. */
package org.auditrail.trail;
