package org.auditrail.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The alerts raised in a month, read from their sealed {@code alert_raised} events and, when someone acknowledged
 * one within the month, its {@code alert_acknowledged} event: the report shows the log's evidence, not the alerts
 * table, which anyone with database access could change.
 */
final class MonthAlerts implements Consumer<JsonNode> {

  static final List<String> EVENT_TYPES = List.of("alert_raised", "alert_acknowledged");

  /** One raised alert; the acknowledgement's fields are {@code null} when it was not acknowledged in the month. */
  record Raised(Instant raisedAt, String alertId, String rule, String condition, String summary, String traceId,
      Instant acknowledgedAt, String acknowledgedBy, String reason) {

    public boolean acknowledged() {
      return acknowledgedAt != null;
    }
  }

  private final Map<String, Raised> alerts = new LinkedHashMap<>();

  @Override
  public void accept(JsonNode event) {
    JsonNode output = event.path("output");
    String alertId = output.path("alert_id").asText();
    Instant at = Instant.parse(event.path("timestamp").asText());
    switch (event.path("event_type").asText()) {
      case "alert_raised" -> alerts.putIfAbsent(alertId, new Raised(at, alertId, output.path("rule_name").asText(),
          output.path("condition").asText(), output.path("summary").asText(), output.path("case").asText(null),
          null, null, null));
      // The first acknowledgement counts: acknowledging again is refused, and a repeat would not reopen the alert.
      case "alert_acknowledged" -> alerts.computeIfPresent(alertId, (id, raised) -> raised.acknowledged() ? raised
          : new Raised(raised.raisedAt(), id, raised.rule(), raised.condition(), raised.summary(),
              raised.traceId(), at, event.path("actor").path("id").asText(),
              event.path("input").path("reason").asText()));
      default -> { }
    }
  }

  /** In the order they were raised. */
  List<Raised> alerts() {
    return new ArrayList<>(alerts.values());
  }
}
