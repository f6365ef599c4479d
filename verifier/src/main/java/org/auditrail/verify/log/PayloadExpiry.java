package org.auditrail.verify.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sealed {@code payload_expired} event: which blobs it removed under which policy, when, and the retention of
 * every event type at the time ({@code output.retention}, absent in events of earlier versions, whose policy text
 * names one event type and its days).
 *
 * @param eventId the event
 * @param logIndex where the log sealed it, or {@code null} when not known
 * @param expiredAt the event's timestamp: when the blobs were removed
 * @param policies the policy of each removed blob, by its SHA-256
 * @param retention how long events of each type are kept, by event type; empty when the event does not say
 */
public record PayloadExpiry(String eventId, Long logIndex, Instant expiredAt, Map<String, String> policies,
    Map<String, Duration> retention) {

  public static final String EVENT_TYPE = "payload_expired";

  /** A policy as the sweeper describes it: {@code <event type> <days> days}. */
  private static final Pattern POLICY = Pattern.compile("(\\S+) ([0-9]{1,9}) days");
  private static final JsonFactory JSON = new JsonFactory();

  /** The retention the event states for an event type: its own retention map, else the blob's policy text. */
  Optional<Duration> retentionOf(String eventType, String sha256) {
    if (!retention.isEmpty()) {
      return Optional.ofNullable(retention.get(eventType));
    }
    Matcher policy = POLICY.matcher(policies.getOrDefault(sha256, ""));
    return policy.matches() && policy.group(1).equals(eventType)
        ? Optional.of(Duration.ofDays(Long.parseLong(policy.group(2))))
        : Optional.empty();
  }

  /** Reads the event's timestamp, {@code output.blobs} and {@code output.retention}; fails on malformed ones. */
  static PayloadExpiry read(String eventId, Long logIndex, String json) throws IOException {
    Instant at = null;
    Map<String, String> policies = new TreeMap<>();
    Map<String, Duration> retention = new TreeMap<>();
    try (JsonParser parser = JSON.createParser(json)) {
      expect(parser, JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("timestamp") && value == JsonToken.VALUE_STRING) {
          at = instant(parser.getText());
        } else if (field.equals("output") && value == JsonToken.START_OBJECT) {
          readOutput(parser, policies, retention);
        } else {
          parser.skipChildren();
        }
      }
    }
    if (at == null) {
      throw new IOException("the payload_expired event has no timestamp");
    }
    return new PayloadExpiry(eventId, logIndex, at, policies, retention);
  }

  private static void readOutput(JsonParser parser, Map<String, String> policies, Map<String, Duration> retention)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("blobs") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          String sha256 = null;
          String policy = null;
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("sha256")) {
              sha256 = parser.getValueAsString();
            } else if (name.equals("policy")) {
              policy = parser.getValueAsString();
            } else {
              parser.skipChildren();
            }
          }
          if (sha256 != null && policy != null) {
            policies.put(sha256, policy);
          }
        }
      } else if (field.equals("retention") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String eventType = parser.currentName();
          parser.nextToken();
          try {
            retention.put(eventType, Duration.parse(parser.getValueAsString("")));
          } catch (DateTimeParseException e) {
            throw new IOException("the retention of " + eventType + " is not an ISO-8601 duration: "
                + parser.getText());
          }
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private static Instant instant(String text) throws IOException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IOException("the timestamp is not an ISO-8601 instant: " + text);
    }
  }

  private static void expect(JsonParser parser, JsonToken token) throws IOException {
    if (parser.nextToken() != token) {
      throw new IOException("an event must be a JSON object");
    }
  }
}
