/** Storage of the audit log: the plugin's own tables, their migrations, batched writes and the content store. */
package org.auditrail.log;
