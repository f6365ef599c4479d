package org.auditrail.seal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.auditrail.AuditLogger;
import org.auditrail.logformat.SealingQueue;
import org.auditrail.store.AuditStorageException;
import org.auditrail.store.AuditStore;
import org.auditrail.store.EventStore;
import org.auditrail.store.SqlDialect;
import org.auditrail.store.Transactions;
import org.auditrail.store.UnsealedQueue;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.MerkleFrontier;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.TimestampToken;
import org.auditrail.verify.TimestampValidationException;
import org.auditrail.verify.TrustedTimestampAuthorities;

/**
 * Seals committed events into the Merkle log in the background. Each round takes the log's head row lock (and on
 * PostgreSQL an advisory lock, so that other nodes skip the round instead of queueing behind it), gives the events
 * of the next committed command rows gapless indexes in one transaction, recorded as one log row per round, and
 * signs a checkpoint of the new tree. Engine transactions only insert their events; they never wait on the head.
 */
public final class Sequencer implements AutoCloseable {

  /** Advisory lock key of the sealing role on PostgreSQL ("AUDITLOG" in ASCII). */
  static final long SEALING_LOCK = 0x415544_49544C4FL;

  private final Transactions transactions;
  private final UnsealedQueue queue;
  private final EventStore events;
  private final SqlDialect dialect;
  private final NoteSigner signer;
  private final LogSettings settings;
  private final CheckpointAnchor anchor;
  private final TimestampAuthority timestampAuthority;
  private final TrustedTimestampAuthorities timestampTrust;
  private final Clock clock;
  private final SealLag lag = new SealLag(10_000);
  private final HeadCheck headCheck;
  private final ScheduledWork scheduledWork;
  private volatile String lastFailure;
  private volatile String headMismatch;
  private volatile Instant oldestUnsealedAt;
  private volatile String anchorFailure;
  private volatile String timestampFailure;
  private ScheduledExecutorService executor;

  public Sequencer(AuditStore store, NoteSigner signer, LogSettings settings, Clock clock) {
    this(store, signer, settings, clock, new ScheduledWork());
  }

  /**
   * @param scheduledWork the node's other background tasks, whose failures this sequencer's status reports
   */
  public Sequencer(AuditStore store, NoteSigner signer, LogSettings settings, Clock clock,
      ScheduledWork scheduledWork) {
    this.transactions = store.transactions();
    this.queue = store.unsealed();
    this.events = store.events();
    this.dialect = store.dialect();
    this.signer = signer;
    this.settings = settings;
    this.anchor = settings.anchorDirectory() == null ? null : new CheckpointAnchor(settings.anchorDirectory());
    this.timestampAuthority = settings.timestampAuthority() == null ? null
        : new TimestampAuthority(settings.timestampAuthority(), settings.timestampTimeout());
    this.timestampTrust = timestampTrust(settings);
    this.clock = clock;
    this.scheduledWork = scheduledWork;
    List<NoteVerifier> keys = new ArrayList<>();
    keys.add(signer.verifier());
    for (String vkey : settings.previousPublicKeys()) {
      try {
        keys.add(NoteVerifier.parseVkey(vkey));
      } catch (CheckpointParseException e) {
        throw new IllegalArgumentException("audit.log.previous-public-keys holds a key that cannot be read: "
            + e.getMessage(), e);
      }
    }
    this.headCheck = new HeadCheck(keys);
  }

  /** Seals in the background every seal interval until closed. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = DaemonTimer.named("audit-log-sequencer");
    long interval = settings.sealInterval().toMillis();
    executor.scheduleWithFixedDelay(this::sealQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  private void sealQuietly() {
    try {
      while (sealOnce(false) >= settings.batchSize()) {
        // A full batch means more are waiting: keep sealing before sleeping again.
      }
      lastFailure = null;
    } catch (Throwable e) {
      // Every Throwable, OutOfMemoryError too: the executor would otherwise cancel sealing for good, unseen.
      lastFailure = String.valueOf(e);
      AuditLogger.sealingFailed(e);
    }
  }

  /** The node's background tasks, for the schedules that run them beside sealing. */
  public ScheduledWork scheduledWork() {
    return scheduledWork;
  }

  /**
   * One sealing round: seals up to a batch of committed events and signs a checkpoint when the checkpoint interval
   * has passed (or always, when {@code forceCheckpoint}). Returns how many events it sealed.
   */
  public int sealOnce(boolean forceCheckpoint) throws SQLException {
    Round round = transactions.inTransactionAnswering(connection -> {
      if (!takeSealingRole(connection)) {
        return Round.SKIPPED;
      }
      Head head = lockHead(connection);
      HeadCheck.StoredCheckpoint last = lastCheckpoint(connection);
      Optional<String> mismatch = headCheck.disagreement(connection, head.stored(), last);
      if (mismatch.isPresent()) {
        return new Round(0, null, List.of(), mismatch.get(), null, null);
      }
      Instant now = clock.instant();
      Batch batch = nextBatch(connection, now);
      TraceHeads traces = TraceHeads.read(connection, new HashSet<>(batch.traceIds));
      if (!batch.events.isEmpty() || !traces.isEmpty()) {
        append(connection, head, batch, traces, now);
      }
      SignedCheckpoint signed = checkpointIfDue(connection, head, last, now, forceCheckpoint);
      oldestUnsealedAt = queue.oldestRecordedAt(connection).orElse(null);
      return new Round(batch.events.size(), signed, batch.quarantined, null, head.state(),
          signed != null ? signed.note() : last == null ? null : last.note());
    });
    if (round.head() != null) {
      // Committed: the next round needs only the cheap check while the head is still this one.
      headCheck.trust(round.head(), round.checkpointNote());
    }
    for (UnsealedQueue.Unsealable row : round.quarantined()) {
      SealLogger.rowQuarantined(row.writeId(), row.commandId(), row.reason());
    }
    if (round != Round.SKIPPED) {
      reportHead(round.headMismatch());
    }
    if (round.signed() != null) {
      anchor(round.signed());
      timestamp(round.signed());
    }
    return round.sealed();
  }

  private boolean takeSealingRole(Connection connection) throws SQLException {
    if (dialect != SqlDialect.POSTGRESQL) {
      return true;
    }
    try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
      lock.setLong(1, SEALING_LOCK);
      try (ResultSet row = lock.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  /** Reports a head that disagrees, once per cause, and that it agrees again. */
  private void reportHead(String mismatch) {
    String before = headMismatch;
    headMismatch = mismatch;
    if (mismatch != null && !mismatch.equals(before)) {
      SealLogger.headMismatch(mismatch);
    } else if (mismatch == null && before != null) {
      SealLogger.headAgrees();
    }
  }

  private static HeadCheck.StoredCheckpoint lastCheckpoint(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("select tree_size, root_hash, signed_note,"
        + " created_at from audit_checkpoint order by tree_size desc fetch first 1 rows only");
        ResultSet row = select.executeQuery()) {
      return row.next() ? new HeadCheck.StoredCheckpoint(row.getLong(1), row.getBytes(2), row.getString(3),
          row.getObject(4, OffsetDateTime.class).toInstant()) : null;
    }
  }

  private static Head lockHead(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "select tree_size, frontier, last_leaf_hash from audit_log_head where id = 1 for update");
        ResultSet row = select.executeQuery()) {
      if (!row.next()) {
        throw new AuditStorageException("AUDIT-033 the log head row is missing from audit_log_head");
      }
      return new Head(row.getLong(1), row.getBytes(2), row.getBytes(3));
    }
  }

  /** The next committed command rows to seal, in order; see {@link UnsealedQueue#next}. */
  private Batch nextBatch(Connection connection, Instant now) throws SQLException {
    Batch batch = new Batch();
    UnsealedQueue.Next next = queue.next(connection, settings.batchSize());
    // A row that cannot be sealed is set aside, never a stop: the other rows are sealed.
    queue.quarantine(connection, next.unsealable(), now);
    batch.quarantined.addAll(next.unsealable());
    for (UnsealedQueue.QueuedWrite write : next.writes()) {
      batch.writeIds.add(write.writeId());
      if (!batch.commandIds.contains(write.commandId())) {
        batch.commandIds.add(write.commandId());
      }
      for (int i = 0; i < write.events().size(); i++) {
        batch.events.add(write.events().get(i));
        batch.traceIds.add(write.traceIds().get(i));
        batch.recordedAt.add(write.recordedAt());
      }
    }
    return batch;
  }

  /**
   * Seals a batch as one log row: its events' ids and leaves in log order, after the head's last leaf, and then a
   * summary of each trace the batch touched (and of older traces still waiting for one), which the round writes.
   */
  private void append(Connection connection, Head head, Batch batch, TraceHeads traces, Instant now)
      throws SQLException {
    OffsetDateTime sealedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    long firstIndex = head.frontier.size();
    byte[] previousLeaf = head.lastLeaf;
    for (int i = 0; i < batch.events.size(); i++) {
      SealingQueue.Queued event = batch.events.get(i);
      String traceId = batch.traceIds.get(i);
      if (traceId != null) {
        traces.append(traceId, event.eventId(), event.leafHash(), head.frontier.size());
      }
      head.frontier.append(event.leafHash());
      lag.record(Math.max(0, now.toEpochMilli() - batch.recordedAt.get(i).toEpochMilli()));
    }
    List<SealingQueue.Queued> entries = new ArrayList<>(batch.events);
    if (!traces.isEmpty()) {
      EventStore.SealedRow summaries = events.appendSealing(connection, traces.summaries(now));
      batch.commandIds.add(summaries.commandId());
      summaries.sealed().forEach(summary -> head.frontier.append(summary.leafHash()));
      entries.addAll(summaries.sealed());
      traces.save(connection, now);
    }
    head.lastLeaf = entries.get(entries.size() - 1).leafHash();
    try (PreparedStatement entry = connection.prepareStatement("insert into audit_log_batch (first_index,"
        + " event_count, command_ids, entries, previous_leaf_hash, sealed_at) values (?, ?, ?, ?, ?, ?)")) {
      entry.setLong(1, firstIndex);
      entry.setInt(2, entries.size());
      entry.setArray(3, connection.createArrayOf("varchar", batch.commandIds.toArray()));
      entry.setBytes(4, SealingQueue.encode(entries));
      entry.setBytes(5, previousLeaf);
      entry.setObject(6, sealedAt);
      entry.executeUpdate();
    }
    queue.remove(connection, batch.writeIds);
    try (PreparedStatement update = connection.prepareStatement("update audit_log_head set tree_size = ?,"
        + " frontier = ?, last_leaf_hash = ?, updated_at = ? where id = 1")) {
      update.setLong(1, head.frontier.size());
      update.setBytes(2, head.frontier.toBytes());
      update.setBytes(3, head.lastLeaf);
      update.setObject(4, sealedAt);
      update.executeUpdate();
    }
  }

  private SignedCheckpoint checkpointIfDue(Connection connection, Head head, HeadCheck.StoredCheckpoint last,
      Instant now, boolean force) throws SQLException {
    long size = head.frontier.size();
    long lastSize = last == null ? 0 : last.size();
    Instant lastAt = last == null ? Instant.EPOCH : last.createdAt();
    boolean due = force || !now.isBefore(lastAt.plus(settings.checkpointInterval()));
    if (size == lastSize || size == 0 || !due) {
      return null;
    }
    byte[] root = head.frontier.root();
    String note = signer.sign(new Checkpoint(settings.origin(), size, root).body()).text();
    try (PreparedStatement insert = connection.prepareStatement("insert into audit_checkpoint (tree_size,"
        + " root_hash, signed_note, key_name, created_at) values (?, ?, ?, ?, ?)")) {
      insert.setLong(1, size);
      insert.setBytes(2, root);
      insert.setString(3, note);
      insert.setString(4, settings.keyName());
      insert.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      insert.executeUpdate();
    }
    return new SignedCheckpoint(size, note);
  }

  private void anchor(SignedCheckpoint checkpoint) {
    if (anchor == null) {
      return;
    }
    try {
      anchor.write(checkpoint.size(), checkpoint.note());
      anchorFailure = null;
    } catch (java.io.IOException | RuntimeException e) {
      anchorFailure = "anchor folder " + anchor.directory() + ": " + e;
      AuditLogger.anchorFailed(anchor.directory().toString(), e);
    }
  }

  /** The trusted TSA certificates, read once at start so that a bad file stops the node instead of each stamp. */
  private TrustedTimestampAuthorities timestampTrust(LogSettings settings) {
    if (settings.timestampTrustStore() == null) {
      if (timestampAuthority != null) {
        AuditLogger.timestampsUnchecked(timestampAuthority.url().toString());
      }
      return null;
    }
    try {
      return TrustedTimestampAuthorities.read(settings.timestampTrustStore());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("audit.log.timestamp-trust-store cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Asks the time-stamp authority to stamp a committed checkpoint, outside the sealing transaction; with a trust
   * store, a token that does not validate is not stored, so that only evidence that holds is kept.
   */
  private void timestamp(SignedCheckpoint checkpoint) {
    if (timestampAuthority == null) {
      return;
    }
    try {
      byte[] token = timestampAuthority.stamp(checkpoint.note());
      if (timestampTrust != null) {
        TimestampToken.validate(token, checkpoint.note(), timestampTrust);
      }
      transactions.onConnection(connection -> {
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_checkpoint_timestamp"
            + " (tree_size, token, created_at) values (?, ?, ?)")) {
          insert.setLong(1, checkpoint.size());
          insert.setBytes(2, token);
          insert.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
          return insert.executeUpdate();
        }
      });
      if (anchor != null) {
        anchor.writeTimestamp(checkpoint.size(), token);
      }
      timestampFailure = null;
    } catch (TimestampValidationException e) {
      timestampFailure = "time-stamp authority " + timestampAuthority.url() + ": the token of the checkpoint of"
          + " size " + checkpoint.size() + " was not stored: " + e.getMessage();
      AuditLogger.timestampFailed(timestampAuthority.url().toString(), e);
    } catch (java.io.IOException | SQLException | RuntimeException e) {
      timestampFailure = "time-stamp authority " + timestampAuthority.url() + ": " + e;
      AuditLogger.timestampFailed(timestampAuthority.url().toString(), e);
    }
  }

  /**
   * What an operator needs to see: whether sealing and anchoring work, and how far behind sealing is. The age of
   * the oldest queued row is read from the queue, so that a sequencer that stopped shows a growing lag.
   */
  public LogStatus status() {
    Instant oldest = oldestUnsealedAt;
    try {
      oldest = transactions.onConnection(connection -> queue.oldestRecordedAt(connection).orElse(null));
      oldestUnsealedAt = oldest;
    } catch (SQLException | RuntimeException e) {
      // The database is out of reach: the last age seen still grows, and sealing reports the cause.
    }
    long oldestAge = oldest == null ? 0 : Math.max(0, clock.instant().toEpochMilli() - oldest.toEpochMilli());
    return new LogStatus(lastFailure, anchorFailure, timestampFailure, lag.percentile(50), lag.percentile(99),
        headMismatch, scheduledWork.failure(), oldestAge);
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  /**
   * The health of sealing on this node.
   *
   * @param sealingFailure the last sealing error, or {@code null} when the last round succeeded
   * @param anchorFailure the last anchoring error, or {@code null}
   * @param timestampFailure the last time-stamping error, or {@code null}
   * @param sealLagP50Millis median delay from recording to sealing of recent events (-1 before any)
   * @param sealLagP99Millis 99th percentile of the same
   * @param headMismatch why the log head disagrees with the log or its last signed checkpoint, so that nothing is
   *     sealed or signed; {@code null} when it agrees
   * @param scheduledFailure the failing background tasks as "task: cause", or {@code null}
   * @param oldestUnsealedMillis how long the oldest event waiting to be sealed has waited (0 when none waits)
   */
  public record LogStatus(String sealingFailure, String anchorFailure, String timestampFailure,
      long sealLagP50Millis, long sealLagP99Millis, String headMismatch, String scheduledFailure,
      long oldestUnsealedMillis) {
    public boolean degraded() {
      return sealingFailure != null || anchorFailure != null || timestampFailure != null || headMismatch != null
          || scheduledFailure != null;
    }
  }

  private static final class Head {
    final long treeSize;
    final byte[] storedFrontier;
    final MerkleFrontier frontier;
    final byte[] storedLastLeaf;
    byte[] lastLeaf;

    Head(long treeSize, byte[] frontier, byte[] lastLeaf) {
      this.treeSize = treeSize;
      this.storedFrontier = frontier;
      this.frontier = MerkleFrontier.fromBytes(frontier);
      this.storedLastLeaf = lastLeaf;
      this.lastLeaf = lastLeaf;
    }

    /** The head as stored, before this round. */
    HeadCheck.State stored() {
      return new HeadCheck.State(treeSize, storedFrontier, storedLastLeaf);
    }

    /** The head as this round leaves it. */
    HeadCheck.State state() {
      return new HeadCheck.State(frontier.size(), frontier.toBytes(), lastLeaf);
    }
  }

  /** The queue rows a round seals, their command rows, and their events in sealing order. */
  private static final class Batch {
    final List<String> writeIds = new ArrayList<>();
    final List<String> commandIds = new ArrayList<>();
    final List<SealingQueue.Queued> events = new ArrayList<>();
    final List<String> traceIds = new ArrayList<>();
    final List<Instant> recordedAt = new ArrayList<>();
    final List<UnsealedQueue.Unsealable> quarantined = new ArrayList<>();
  }

  private record SignedCheckpoint(long size, String note) {}

  /**
   * What a sealing round did: how many events it sealed, the checkpoint it signed, if any, the queue rows it set
   * aside, and why it refused to extend the head, if it did.
   */
  private record Round(int sealed, SignedCheckpoint signed, List<UnsealedQueue.Unsealable> quarantined,
      String headMismatch, HeadCheck.State head, String checkpointNote) {
    static final Round SKIPPED = new Round(0, null, List.of(), null, null, null);
  }
}
