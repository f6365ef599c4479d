package org.auditrail.siem;

import java.nio.charset.StandardCharsets;

/**
 * One sealed event as an RFC 5424 syslog message, framed by octet counting (RFC 6587 3.4.1): facility 13 (log
 * audit), severity 6 (informational), the event type as MSGID, the log index, event id, case and actor as structured
 * data, and the event's canonical JSON as the message, byte for byte as sealed.
 */
final class SyslogFormat {

  /** {@code <PRI>}: facility 13, log audit, times 8, plus severity 6, informational. */
  private static final String PRI = "<110>";
  /** The SD-ID, under the enterprise number RFC 5612 reserves for documentation and examples. */
  static final String SD_ID = "auditrail@32473";
  private static final int MSGID_MAX = 32;

  private final String hostname;
  private final String appName;

  SyslogFormat(String hostname, String appName) {
    this.hostname = header(hostname, 255);
    this.appName = header(appName, 48);
  }

  /** The frame: the message's length in octets, a space, the message. */
  byte[] frame(SealedEventFields event) {
    byte[] message = message(event).getBytes(StandardCharsets.UTF_8);
    byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[length.length + message.length];
    System.arraycopy(length, 0, frame, 0, length.length);
    System.arraycopy(message, 0, frame, length.length, message.length);
    return frame;
  }

  String message(SealedEventFields event) {
    StringBuilder line = new StringBuilder(event.json().length() + 200);
    line.append(PRI).append("1 ")
        // The event's own UTC time with milliseconds: an RFC 5424 TIMESTAMP as it stands.
        .append(event.timestamp()).append(' ')
        .append(hostname).append(' ').append(appName).append(" - ").append(header(event.type(), MSGID_MAX))
        .append(" [").append(SD_ID);
    param(line, "log_index", String.valueOf(event.index()));
    param(line, "event_id", event.eventId());
    param(line, "trace_id", event.traceId());
    param(line, "actor_type", event.actorType());
    param(line, "actor_id", event.actorId());
    return line.append("] ").append(event.json()).toString();
  }

  private static void param(StringBuilder line, String name, String value) {
    if (value != null) {
      line.append(' ').append(name).append("=\"");
      for (char c : value.toCharArray()) {
        if (c == '"' || c == '\\' || c == ']') {
          line.append('\\');
        }
        line.append(c);
      }
      line.append('"');
    }
  }

  /** A header field: printable US-ASCII without spaces, at most {@code max} characters, "-" when empty. */
  private static String header(String value, int max) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    StringBuilder printable = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (printable.length() < max) {
        printable.append(c > 32 && c < 127 ? c : '_');
      }
    }
    return printable.toString();
  }
}
