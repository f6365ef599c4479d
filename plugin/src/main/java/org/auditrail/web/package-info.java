/**
 * Every HTTP endpoint of the plugin (audit trail, proofs, bundles, review statistics, reports, privacy) behind one
 * {@link org.auditrail.web.ApiGuard} (authentication, group rules per {@link org.auditrail.web.GuardedPath},
 * cross-site and body checks, access recording) and one error style, RFC 9457 problem details
 * ({@link org.auditrail.web.ApiErrors}). Applications guard their own endpoints the same way with a
 * {@code GuardedPath} bean and {@link org.auditrail.web.ProblemResponses}.
 */
package org.auditrail.web;
