package org.auditrail.store;

import javax.sql.DataSource;

/**
 * The audit tables, opened once per start: migrated, then reached only through the stores it hands out, so that
 * their layout is known in this package alone. With Spring it is a bean; without, open it once and pass it on.
 */
public final class AuditStore {

  private final SqlDialect dialect;
  private final Transactions transactions;
  private final ContentStore contents;
  private final EventStore events;
  private final ExpiryLedger expiries;
  private final UnsealedQueue unsealed;
  private final SealedLog sealedLog;
  private final SinkPositions sinkPositions;
  private final VerifiedCheckpoints verifiedCheckpoints;

  private AuditStore(DataSource dataSource, DataSource detachedWrites, SqlDialect dialect) {
    this.dialect = dialect;
    this.transactions = new Transactions(dataSource);
    this.contents = new ContentStore(dialect, transactions);
    this.unsealed = new UnsealedQueue();
    this.events = new EventStore(dialect, transactions, new Transactions(detachedWrites), contents, unsealed);
    this.expiries = new ExpiryLedger(transactions);
    this.sealedLog = new SealedLog(transactions);
    this.sinkPositions = new SinkPositions(transactions);
    this.verifiedCheckpoints = new VerifiedCheckpoints(transactions);
  }

  /**
   * Migrates the audit tables (after their owner did, where one is configured, so that this only checks) and
   * opens them.
   *
   * @param dataSource the engine's database, with connections that are not bound to the engine's transaction
   */
  public static AuditStore open(DataSource dataSource) {
    return open(dataSource, dataSource);
  }

  /**
   * Like {@link #open(DataSource)}, with the events that commit on their own (model calls, refused reviews, API
   * access records) written through a pool of their own, so that many of them at once cannot take the connections
   * the engine's commands wait for.
   *
   * @param detachedWrites the same database, through a small pool apart from the engine's
   */
  public static AuditStore open(DataSource dataSource, DataSource detachedWrites) {
    return new AuditStore(dataSource, detachedWrites, AuditSchema.migrate(dataSource));
  }

  public SqlDialect dialect() {
    return dialect;
  }

  public EventStore events() {
    return events;
  }

  public ContentStore contents() {
    return contents;
  }

  public ExpiryLedger expiries() {
    return expiries;
  }

  /** The checkpoints continuous verification found good. */
  public VerifiedCheckpoints verifiedCheckpoints() {
    return verifiedCheckpoints;
  }

  /** The sealing queue, for the sequencer: events written and not yet sealed. */
  public UnsealedQueue unsealed() {
    return unsealed;
  }

  /** The sealed events in log order, for readers that follow the log. */
  public SealedLog sealedLog() {
    return sealedLog;
  }

  /** How far each SIEM sink has taken the log. */
  public SinkPositions sinkPositions() {
    return sinkPositions;
  }

  /** Connections apart from the engine's transaction, for sealing and for the tables a feature owns alone. */
  public Transactions transactions() {
    return transactions;
  }
}
