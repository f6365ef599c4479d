/** For external task workers: records a LangChain4j worker's AI steps and reports them to the audit trail. */
package org.auditrail.worker;
