package org.auditrail.alert.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.auditrail.alert.AlertRaised;

/**
 * What an alert says to people, written once for every channel: the webhook's JSON, the email's subject and text,
 * and the links to the case in the auditor console and in the API.
 */
public final class AlertMessage {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String baseUrl;

  /** @param baseUrl where the console and the API are reached, such as {@code https://audit.example.com}; may be empty */
  public AlertMessage(String baseUrl) {
    String base = baseUrl == null ? "" : baseUrl.strip();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The links of an alert by name: the case's console page and trail (when it has a case), the open alerts. */
  Map<String, String> links(AlertRaised alert) {
    Map<String, String> links = new LinkedHashMap<>();
    if (alert.traceId() != null) {
      String id = URLEncoder.encode(alert.traceId(), StandardCharsets.UTF_8);
      links.put("case", baseUrl + "/audit/cases/" + id);
      links.put("trail", baseUrl + "/api/audit/traces/" + id);
    }
    links.put("alerts", baseUrl + "/api/alerts?state=open");
    return links;
  }

  /** One line for chat tools: Slack's and Microsoft Teams' incoming webhooks show a JSON {@code text} field. */
  String text(AlertRaised alert) {
    String line = "Audit alert \"" + alert.ruleName() + "\" (" + alert.condition() + "): " + alert.summary();
    return alert.traceId() == null ? line : line + " — case " + alert.traceId() + ": " + links(alert).get("case");
  }

  /** The webhook's body. */
  ObjectNode json(AlertRaised alert) {
    ObjectNode body = JSON.objectNode();
    body.put("alert_id", alert.alertId());
    ObjectNode rule = body.putObject("rule");
    rule.put("id", alert.ruleId());
    rule.put("name", alert.ruleName());
    rule.put("condition", alert.condition());
    body.put("summary", alert.summary());
    body.put("case", alert.traceId());
    alert.eventIds().forEach(body.putArray("event_ids")::add);
    body.put("raised_at", alert.raisedAt().toString());
    ObjectNode links = body.putObject("links");
    links(alert).forEach(links::put);
    body.put("text", text(alert));
    return body;
  }

  /** The email's subject: one line, whatever the rule's name holds. */
  String subject(AlertRaised alert) {
    return oneLine("Audit alert: " + alert.ruleName() + (alert.traceId() == null ? "" : " (case " + alert.traceId()
        + ")"));
  }

  /** The email's text, a line per fact. */
  String body(AlertRaised alert) {
    StringBuilder text = new StringBuilder()
        .append("Rule: ").append(oneLine(alert.ruleName())).append(" (").append(alert.condition()).append(")\n")
        .append("Summary: ").append(oneLine(alert.summary())).append('\n')
        .append("Case: ").append(alert.traceId() == null ? "none (about the log or the system)" : alert.traceId())
        .append('\n')
        .append("Events: ").append(String.join(", ", alert.eventIds())).append('\n')
        .append("Raised at: ").append(alert.raisedAt()).append('\n')
        .append("Alert: ").append(alert.alertId()).append('\n');
    Map<String, String> links = links(alert);
    if (links.containsKey("case")) {
      text.append("Case in the auditor console: ").append(links.get("case")).append('\n')
          .append("Case trail (API): ").append(links.get("trail")).append('\n');
    }
    return text.append("Open alerts (API): ").append(links.get("alerts")).append('\n').toString();
  }

  /** Control characters (line breaks included) as spaces: a header or a line cannot be split by a rule's name. */
  private static String oneLine(String value) {
    return value == null ? "" : value.replaceAll("\\p{Cntrl}", " ");
  }
}
