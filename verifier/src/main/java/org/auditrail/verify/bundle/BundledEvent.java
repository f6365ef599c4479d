package org.auditrail.verify.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.auditrail.verify.log.ContentReferences;

/**
 * What a bundle needs from an event's JSON: its ids, and the content-store blobs it references. The exporter and
 * the verifier both read events with this, so they agree on which blobs belong in a bundle.
 *
 * @param eventId the event's top-level event_id, or {@code null} when it has none
 * @param traceId the event's top-level trace_id, or {@code null} when it has none
 * @param eventType the event's top-level event_type, or {@code null} when it has none
 * @param blobReferences the hex SHA-256 values of every field that names content in the content store:
 *     {@code content_sha256}, {@code bpmn_sha256}, a decision's {@code dmn_sha256}, and the AI snapshot's {@code schema_sha256}, {@code snapshot_id},
 *     {@code snapshot_sha256} and {@code previous_snapshot_sha256}
 */
public record BundledEvent(String eventId, String traceId, String eventType, SortedSet<String> blobReferences) {

  /** The fields whose value names content, as the log's verifier reads them. */
  private static final Set<String> BLOB_FIELDS = ContentReferences.FIELDS;

  private static final JsonFactory JSON = new JsonFactory();

  public BundledEvent {
    blobReferences = Collections.unmodifiableSortedSet(new TreeSet<>(blobReferences));
  }

  public static BundledEvent read(byte[] eventJson) throws IOException {
    String eventId = null;
    String traceId = null;
    String eventType = null;
    SortedSet<String> blobReferences = new TreeSet<>();
    try (JsonParser parser = JSON.createParser(eventJson)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("an event must be a JSON object");
      }
      int depth = 1;
      while (depth > 0) {
        // Jackson throws at an end of input inside the object, so the token is never null here.
        switch (parser.nextToken()) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> depth--;
          case VALUE_STRING -> {
            // Null for a string in an array.
            String field = parser.currentName();
            String value = parser.getText();
            if (depth == 1 && "event_id".equals(field)) {
              eventId = value;
            } else if (depth == 1 && "trace_id".equals(field)) {
              traceId = value;
            } else if (depth == 1 && "event_type".equals(field)) {
              eventType = value;
            } else if (field != null && BLOB_FIELDS.contains(field) && BundleLayout.SHA256.matcher(value).matches()) {
              blobReferences.add(value);
            }
          }
          default -> { }
        }
      }
      if (parser.nextToken() != null) {
        throw new IOException("the event has content after its JSON object");
      }
    }
    return new BundledEvent(eventId, traceId, eventType, blobReferences);
  }
}
