/** Verification of a whole audit log, or of a case bundle, as pure values: no database, no network. */
package org.auditrail.verify.log;
