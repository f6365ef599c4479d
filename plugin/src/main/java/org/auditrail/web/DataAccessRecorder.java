package org.auditrail.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.auditrail.capture.ActionNotRecordedException;
import org.auditrail.event.AuditEvent;
import org.auditrail.store.EventStore;

/**
 * Writes {@code data_accessed} events in batches: a read takes a place in a bounded queue before it runs, hands in
 * its event once it has its answer, and waits until a background writer has committed the batch holding it (one
 * detached transaction for up to {@code batchSize} reads, on the detached writes' own pool). A flood of reads costs
 * one event each and a transaction per batch; a read that finds the queue full, or whose batch fails, is not
 * answered with the data (see {@link DataAccessFilter}). The events of one batch share a trace, so that the log
 * seals one summary per batch rather than one per read.
 */
public class DataAccessRecorder implements AutoCloseable {

  private record Pending(AuditEvent event, CompletableFuture<Void> written) {}

  private final EventStore events;
  private final Semaphore places;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final int capacity;
  private final int batchSize;
  private final Duration timeout;
  private final Thread writer;
  private volatile boolean open = true;

  public DataAccessRecorder(EventStore events, int capacity, int batchSize, Duration timeout) {
    if (capacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException("audit.access.queue-capacity and batch-size must be at least 1, but were: "
          + capacity + " and " + batchSize);
    }
    this.events = events;
    this.capacity = capacity;
    this.places = new Semaphore(capacity);
    this.batchSize = batchSize;
    this.timeout = timeout;
    this.writer = new Thread(this::drain, "auditrail-data-access-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Takes a place for one read, or answers false when {@code capacity} reads already wait. */
  boolean reserve() {
    return places.tryAcquire();
  }

  /** Gives back a place taken for a read that turned out to record nothing (no authenticated user). */
  void release() {
    places.release();
  }

  int capacity() {
    return capacity;
  }

  /**
   * Hands in the event of a read that took a place and waits until it is committed.
   *
   * @throws ActionNotRecordedException when it was not committed within the timeout or its batch failed
   */
  void record(AuditEvent event) {
    Pending pending = new Pending(event, new CompletableFuture<>());
    if (!open) {
      places.release();
      throw notRecorded(event, new IllegalStateException("the data access recorder is closed"));
    }
    queue.add(pending);
    try {
      pending.written().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw notRecorded(event, e.getCause());
    } catch (TimeoutException e) {
      throw notRecorded(event, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notRecorded(event, e);
    }
  }

  private static ActionNotRecordedException notRecorded(AuditEvent event, Throwable cause) {
    return new ActionNotRecordedException(event.eventType().wireName(), event.eventId(), cause);
  }

  private void drain() {
    List<Pending> batch = new ArrayList<>(batchSize);
    while (open || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        open = false;
      } finally {
        places.release(batch.size());
        batch.clear();
      }
    }
    queue.forEach(left -> left.written().completeExceptionally(new IllegalStateException("closed")));
  }

  private void write(List<Pending> batch) {
    String traceId = batch.get(0).event().eventId();
    try {
      events.appendDetached(batch.stream().map(pending -> inTrace(pending.event(), traceId)).toList(), List.of());
      batch.forEach(pending -> pending.written().complete(null));
    } catch (Exception e) {
      batch.forEach(pending -> pending.written().completeExceptionally(e));
    }
  }

  private static AuditEvent inTrace(AuditEvent event, String traceId) {
    return new AuditEvent(event.eventId(), traceId, null, event.timestamp(), event.actor(), event.eventType(),
        event.context(), event.snapshot(), event.input(), event.output(), event.metadata(), event.outcome(),
        event.error());
  }

  @Override
  public void close() throws InterruptedException {
    open = false;
    writer.join(timeout.toMillis());
  }
}
