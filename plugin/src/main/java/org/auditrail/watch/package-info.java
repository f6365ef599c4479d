/** Continuous verification: the log verified in the background, incrementally and in full, and failures raised. */
package org.auditrail.watch;
