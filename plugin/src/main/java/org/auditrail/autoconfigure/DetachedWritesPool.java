package org.auditrail.autoconfigure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.auditrail.AuditLogger;
import org.springframework.util.ClassUtils;

/**
 * The connections of the detached writes: a small HikariCP pool with the engine pool's settings (URL, credentials,
 * driver properties) when the engine's data source is a HikariCP pool, otherwise the engine's data source itself.
 * Closed with the application context.
 */
final class DetachedWritesPool implements AutoCloseable {

  static final String POOL_NAME = "auditrail-detached-writes";

  private static final boolean HIKARI_PRESENT =
      ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", DetachedWritesPool.class.getClassLoader());

  private final DataSource dataSource;
  private final AutoCloseable owned;

  private DetachedWritesPool(DataSource dataSource, AutoCloseable owned) {
    this.dataSource = dataSource;
    this.owned = owned;
  }

  static DetachedWritesPool of(DataSource engine, DetachedWritesProperties properties) {
    if (HIKARI_PRESENT) {
      DetachedWritesPool pool = Hikari.copyOf(engine, properties);
      if (pool != null) {
        return pool;
      }
    }
    AuditLogger.detachedWritesShareEnginePool(engine.getClass().getName());
    return new DetachedWritesPool(engine, null);
  }

  DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() throws Exception {
    if (owned != null) {
      owned.close();
    }
  }

  /** Apart, so that the class loads without HikariCP on the class path. */
  private static final class Hikari {

    static DetachedWritesPool copyOf(DataSource engine, DetachedWritesProperties properties) {
      if (!(engine instanceof HikariDataSource hikari)) {
        return null;
      }
      HikariConfig config = new HikariConfig();
      hikari.copyStateTo(config);
      config.setPoolName(POOL_NAME);
      config.setMaximumPoolSize(properties.getPoolSize());
      config.setMinimumIdle(Math.min(1, properties.getPoolSize()));
      config.setAutoCommit(true);
      config.setRegisterMbeans(false);
      HikariDataSource pool = new HikariDataSource(config);
      AuditLogger.detachedWritesPoolOpened(POOL_NAME, properties.getPoolSize());
      return new DetachedWritesPool(pool, pool);
    }
  }
}
