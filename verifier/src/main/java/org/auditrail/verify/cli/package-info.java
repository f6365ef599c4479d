/** The command line of the offline verifier, {@code audit-verify.jar}. */
package org.auditrail.verify.cli;
