package org.auditrail.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The pool of the audit events that commit apart from the engine's transaction (model calls, refused reviews, API
 * access records, privacy and report events), under {@code audit.detached-writes.*}: apart from the engine's pool,
 * so that a burst of them cannot take the connections the engine's commands wait for.
 */
@ConfigurationProperties("audit.detached-writes")
public class DetachedWritesProperties {

  /** Maximum number of connections of the detached writes' own pool; its other settings are the engine pool's. */
  private int poolSize = 4;

  public int getPoolSize() { return poolSize; }
  public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
}
