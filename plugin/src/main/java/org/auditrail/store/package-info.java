/** The one owner of the audit tables: their schema and migrations, and every read and write of events and content. */
package org.auditrail.store;
