package org.auditrail.siem;

import java.io.IOException;
import java.util.List;
import org.auditrail.store.SealedLog.SealedEvent;

/** A receiver of the sealed events: a syslog server, an OpenTelemetry collector. */
public interface SiemSink extends AutoCloseable {

  /** The sink's name, which keys its position in the database: {@code syslog}, {@code otlp}. */
  String name();

  /**
   * Hands a batch of consecutive sealed events to the receiver; returns only once the receiver accepted all of
   * them, and throws otherwise (then the same batch is sent again).
   */
  void send(List<SealedEvent> events) throws IOException;

  @Override
  default void close() {}
}
