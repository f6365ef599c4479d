package org.auditrail.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.auditrail.verify.log.EventTime;

/**
 * The wire form of events: snake_case JSON, serialized canonically (RFC 8785, JSON Canonicalization Scheme)
 * so that any party can recompute the exact bytes that are stored and, later, hashed.
 */
public final class EventJson {

  private static final SimpleModule TIMESTAMPS =
      new SimpleModule("audit-timestamps").addSerializer(Instant.class, new TimestampSerializer());

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .registerModule(TIMESTAMPS)
      .registerModule(new SimpleModule("audit-faithful-numbers")
          .addDeserializer(JsonNode.class, new JsonNumbers.FaithfulTreeDeserializer()));

  private static final ObjectMapper CANONICAL = CanonicalJson.canonicalMapper()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(TIMESTAMPS)
      .build();

  private EventJson() {}

  /**
   * The shared mapper for event payloads; do not reconfigure it. The trees it reads hold only numbers that
   * canonical JSON holds exactly: any other number is a string of its text ({@link JsonNumbers}).
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String formatTimestamp(Instant instant) {
    return EventTime.format(instant);
  }

  /** The canonical JSON text of an event, exactly as it is stored. */
  public static String canonical(AuditEvent event) {
    return CanonicalJson.write(CANONICAL, event);
  }

  /** The canonical JSON text of any value, for content that is hashed, such as a tool's specification. */
  public static String canonical(JsonNode node) {
    return CanonicalJson.write(node);
  }

  public static byte[] canonicalBytes(AuditEvent event) {
    return canonical(event).getBytes(StandardCharsets.UTF_8);
  }

  private static final class TimestampSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(formatTimestamp(value));
    }
  }
}
