package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.auditrail.autoconfigure.SiemMetrics;
import org.auditrail.seal.Sequencer;
import org.auditrail.siem.OtlpLogSink;
import org.auditrail.siem.SiemForwarder;
import org.auditrail.siem.SiemSettings;
import org.auditrail.siem.SiemSink;
import org.auditrail.siem.SinkStatus;
import org.auditrail.siem.SyslogSink;
import org.auditrail.store.AuditStore;
import org.auditrail.store.SealedLog;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The SIEM stream on the real engine: a syslog server and an OTLP/HTTP collector, started here on loopback, receive
 * every sealed event of a run in log order with its log index; a sink that is down gets everything once it is back;
 * a new forwarder over the same database resumes without a gap. Run on every database.
 */
@SpringBootTest(classes = AuditTestApplication.class)
abstract class SiemStreamContract {

  private static final SiemSettings SETTINGS = new SiemSettings(Duration.ofSeconds(1), 500, Duration.ofSeconds(5),
      Duration.ofMinutes(5));
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Sequencer sequencer;
  @Autowired AuditStore store;
  @Autowired DataSource dataSource;

  LocalSyslogReceiver syslog;
  LocalOtlpCollector collector;
  long syslogStart;
  long otlpStart;

  @BeforeEach
  void receivers() throws Exception {
    syslog = new LocalSyslogReceiver(null);
    collector = new LocalOtlpCollector();
    // The tests of a class share one database: each starts where the one before left the sinks.
    syslogStart = store.sinkPositions().next("syslog");
    otlpStart = store.sinkPositions().next("otlp");
  }

  @AfterEach
  void stopReceivers() throws IOException {
    syslog.close();
    collector.close();
  }

  @Test
  void everySealedEventReachesTheSyslogServerAndTheCollectorInLogOrderWithItsLogIndex() throws Exception {
    runCase("siem-1");
    try (SiemForwarder forwarder = forwarder(SETTINGS, syslogSink(), otlpSink())) {
      long sent = forwarder.forwardNow();

      List<Sealed> log = sealedLog();
      List<Sealed> toSyslog = log.subList((int) syslogStart, log.size());
      List<Sealed> toCollector = log.subList((int) otlpStart, log.size());
      assertThat(toSyslog).isNotEmpty();
      assertThat(sent).isEqualTo(toSyslog.size() + toCollector.size());
      assertThat(syslog.awaitMessages(toSyslog.size())).extracting(LocalSyslogReceiver.Message::text)
          .containsExactlyElementsOf(toSyslog.stream().map(SiemStreamContract::syslogLine).toList());
      List<JsonNode> records = collector.records();
      assertThat(records).hasSize(toCollector.size());
      for (int i = 0; i < toCollector.size(); i++) {
        Sealed event = toCollector.get(i);
        JsonNode record = records.get(i);
        assertThat(LocalOtlpCollector.attribute(record, "audit.log.index")).isEqualTo(String.valueOf(event.index));
        assertThat(LocalOtlpCollector.attribute(record, "audit.event.id")).isEqualTo(event.eventId);
        assertThat(LocalOtlpCollector.attribute(record, "audit.event.type")).isEqualTo(event.type());
        assertThat(LocalOtlpCollector.attribute(record, "audit.trace.id")).isEqualTo(event.traceId());
        assertThat(LocalOtlpCollector.attribute(record, "audit.actor.id")).isEqualTo(event.actorId());
        assertThat(record.path("body").path("stringValue").asText()).isEqualTo(event.json);
      }
      assertThat(collector.contentTypes()).containsOnly("application/json");
      assertThat(forwarder.status()).containsExactly(
          new SinkStatus("syslog", log.size(), 0, null, 0), new SinkStatus("otlp", log.size(), 0, null, 0));
      assertThat(syslog.errors()).isEmpty();
      assertThat(store.sinkPositions().next("syslog")).isEqualTo(log.size());
      assertThat(store.sinkPositions().next("otlp")).isEqualTo(log.size());
    }
  }

  @Test
  void aSinkThatIsDownStaysWhereItWasShowsDegradedAndGetsEverythingOnceItIsBack() throws Exception {
    syslog.stop();
    collector.down(true);
    runCase("siem-down");
    try (SiemForwarder forwarder = forwarder(SETTINGS, syslogSink(), otlpSink())) {
      assertThat(forwarder.forwardNow()).isZero();

      List<Sealed> log = sealedLog();
      SinkStatus syslogDown = forwarder.status("syslog");
      assertThat(syslogDown.degraded()).isTrue();
      assertThat(syslogDown.failure()).startsWith("java.net.ConnectException: Connection refused");
      assertThat(syslogDown.lag()).isEqualTo(log.size() - syslogStart);
      assertThat(syslogDown.failures()).isEqualTo(1);
      SinkStatus otlpDown = forwarder.status("otlp");
      assertThat(otlpDown.failure()).isEqualTo("java.io.IOException: " + collector.endpoint()
          + " answered 503: collector down");
      assertThat(otlpDown.lag()).isEqualTo(log.size() - otlpStart);
      assertThat(collector.refused()).isEqualTo(1);
      assertThat(store.sinkPositions().next("syslog")).isEqualTo(syslogStart);
      assertThat(store.sinkPositions().next("otlp")).isEqualTo(otlpStart);

      assertThat(forwarder.forwardNow()).isZero();
      assertThat(forwarder.status("syslog").failures()).isEqualTo(2);

      syslog.start();
      collector.down(false);
      forwarder.forwardNow();

      assertThat(forwarder.status()).containsExactly(
          new SinkStatus("syslog", log.size(), 0, null, 0), new SinkStatus("otlp", log.size(), 0, null, 0));
      assertThat(syslog.awaitMessages((int) (log.size() - syslogStart)))
          .extracting(LocalSyslogReceiver.Message::logIndex)
          .containsExactlyElementsOf(LongStream.range(syslogStart, log.size()).boxed().toList());
      assertThat(collector.records()).extracting(record -> LocalOtlpCollector.attribute(record, "audit.log.index"))
          .containsExactlyElementsOf(LongStream.range(otlpStart, log.size()).mapToObj(String::valueOf).toList());
    }
  }

  @Test
  void aNewForwarderOverTheSameDatabaseResumesWhereTheLastOneStoppedWithoutAGap() throws Exception {
    runCase("siem-before-restart");
    long firstRunEnd;
    // Small batches, so that the position is stored several times on the way.
    try (SiemForwarder first = forwarder(new SiemSettings(Duration.ofSeconds(1), 3, Duration.ofSeconds(5),
        Duration.ofMinutes(5)), syslogSink())) {
      first.forwardNow();
      firstRunEnd = sealedLog().size();
      assertThat(store.sinkPositions().next("syslog")).isEqualTo(firstRunEnd);
    }
    runCase("siem-after-restart");
    try (SiemForwarder second = forwarder(SETTINGS, syslogSink())) {
      second.forwardNow();
    }

    List<Sealed> log = sealedLog();
    assertThat(log.size()).isGreaterThan((int) firstRunEnd);
    assertThat(syslog.awaitMessages(log.size() - (int) syslogStart)).extracting(LocalSyslogReceiver.Message::msg)
        .containsExactlyElementsOf(log.subList((int) syslogStart, log.size()).stream().map(Sealed::json).toList());
    assertThat(syslog.messages()).extracting(LocalSyslogReceiver.Message::logIndex)
        .containsExactlyElementsOf(LongStream.range(syslogStart, log.size()).boxed().toList());
  }

  @Test
  void aBatchTheSinkTookBeforeItsPositionWasStoredIsSentAgainUnderTheSameLogIndexes() throws Exception {
    runCase("siem-boundary");
    SyslogSink delivering = syslogSink();
    // The node stops after the server took the batch and before the position was stored.
    SiemSink stopsBeforeStoring = new SiemSink() {
      @Override
      public String name() {
        return "syslog";
      }

      @Override
      public void send(List<SealedLog.SealedEvent> events) throws IOException {
        delivering.send(events);
        throw new IOException("node stopped");
      }
    };
    try (SiemForwarder first = forwarder(SETTINGS, stopsBeforeStoring)) {
      first.forwardNow();
      assertThat(first.status("syslog").failure()).isEqualTo("java.io.IOException: node stopped");
    }
    assertThat(store.sinkPositions().next("syslog")).isEqualTo(syslogStart);
    try (SiemForwarder second = forwarder(SETTINGS, syslogSink())) {
      second.forwardNow();
    }

    List<Sealed> log = sealedLog();
    List<Long> once = LongStream.range(syslogStart, log.size()).boxed().toList();
    List<Long> twice = new ArrayList<>(once);
    twice.addAll(once);
    List<LocalSyslogReceiver.Message> received = syslog.awaitMessages(twice.size());
    assertThat(received).extracting(LocalSyslogReceiver.Message::logIndex).containsExactlyElementsOf(twice);
    assertThat(received.subList(once.size(), twice.size())).isEqualTo(received.subList(0, once.size()));
    assertThat(store.sinkPositions().next("syslog")).isEqualTo(log.size());
  }

  @Test
  void onItsOwnThreadTheForwarderStreamsAndWaitsOutAFailingSinksPauseWhileTheGaugesShowIt() throws Exception {
    collector.down(true);
    runCase("siem-scheduled");
    SiemSettings everyTenthOfASecond = new SiemSettings(Duration.ofMillis(100), 500, Duration.ofHours(1),
        Duration.ofHours(1));
    try (SiemForwarder forwarder = forwarder(everyTenthOfASecond, syslogSink(), otlpSink())) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new SiemMetrics(forwarder).bindTo(registry);
      forwarder.start();

      List<Sealed> log = sealedLog();
      assertThat(syslog.awaitMessages((int) (log.size() - syslogStart)))
          .extracting(LocalSyslogReceiver.Message::logIndex)
          .containsExactlyElementsOf(LongStream.range(syslogStart, log.size()).boxed().toList());
      for (int i = 0; i < 250 && collector.refused() == 0; i++) {
        Thread.sleep(20); // the first pass's request to the collector, after the syslog server's batch
      }
      Thread.sleep(500); // five more passes, all within the failing collector's pause of an hour
      assertThat(collector.refused()).isEqualTo(1);
      assertThat(registry.get("audit.siem.degraded").tag("sink", "otlp").gauge().value()).isEqualTo(1.0);
      assertThat(registry.get("audit.siem.lag").tag("sink", "otlp").gauge().value())
          .isEqualTo((double) (log.size() - otlpStart));
      assertThat(registry.get("audit.siem.degraded").tag("sink", "syslog").gauge().value()).isEqualTo(0.0);
      assertThat(registry.get("audit.siem.lag").tag("sink", "syslog").gauge().value()).isEqualTo(0.0);
    }
  }

  private void runCase(String businessKey) throws SQLException {
    String id = runtimeService.startProcessInstanceByKey("rollbackCase", businessKey, Map.of("fail", false)).getId();
    taskService.createTaskQuery().processInstanceId(id).list().forEach(task -> taskService.complete(task.getId()));
    while (sequencer.sealOnce(true) > 0) {
      // Seal until nothing waits.
    }
  }

  private SiemForwarder forwarder(SiemSettings settings, SiemSink... sinks) {
    return new SiemForwarder(store.sealedLog(), store.sinkPositions(), List.of(sinks), settings, Clock.systemUTC());
  }

  private SyslogSink syslogSink() {
    return SyslogSink.tcp("127.0.0.1", syslog.port(), Duration.ofSeconds(5), "node-1", "auditrail");
  }

  private OtlpLogSink otlpSink() {
    return new OtlpLogSink(URI.create(collector.endpoint()), Map.of(), Duration.ofSeconds(5), "auditrail",
        Clock.systemUTC());
  }

  /** The whole log, read apart from the forwarder: ids from the log's batches, JSON from the events' view. */
  private List<Sealed> sealedLog() throws SQLException, IOException {
    try (Connection db = dataSource.getConnection()) {
      List<String> ids = WholeLog.sealedEventIds(db);
      Map<String, String> payloads = new HashMap<>();
      try (Statement statement = db.createStatement();
          ResultSet rows = statement.executeQuery("select event_id, payload from audit_event")) {
        while (rows.next()) {
          payloads.put(rows.getString(1), rows.getString(2));
        }
      }
      List<Sealed> log = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        String json = payloads.get(ids.get(i));
        log.add(new Sealed(i, ids.get(i), json, JSON.readTree(json)));
      }
      return log;
    }
  }

  private static String syslogLine(Sealed event) {
    return "<110>1 " + event.node.path("timestamp").asText() + " node-1 auditrail - " + event.type()
        + " [auditrail@32473 log_index=\"" + event.index + "\" event_id=\"" + event.eventId + "\" trace_id=\""
        + event.traceId() + "\" actor_type=\"" + event.node.path("actor").path("type").asText() + "\" actor_id=\""
        + event.actorId() + "\"] " + event.json;
  }

  private record Sealed(long index, String eventId, String json, JsonNode node) {
    String type() {
      return node.path("event_type").asText();
    }

    String traceId() {
      return node.path("trace_id").asText();
    }

    String actorId() {
      return node.path("actor").path("id").asText();
    }
  }
}
