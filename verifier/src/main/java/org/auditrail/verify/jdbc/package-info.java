/** Reads a stored log from the plugin's tables over plain JDBC, for the verifier. */
package org.auditrail.verify.jdbc;
