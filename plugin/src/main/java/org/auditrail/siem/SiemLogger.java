package org.auditrail.siem;

import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Messages of the SIEM stream (AUDIT-195 to AUDIT-199); also builds its configuration exception. */
final class SiemLogger {

  private static final Logger LOG = LoggerFactory.getLogger("org.auditrail");

  private SiemLogger() {}

  static void sinkFailed(String sink, long next, int failures, Duration retryIn, Throwable cause) {
    LOG.warn("AUDIT-195 the SIEM sink {} did not accept the sealed events from log index {} (failure {} in a row): {};"
        + " it stays at that index and is tried again in {}", sink, next, failures, cause.toString(), retryIn);
  }

  static void sinkRecovered(String sink, int failures, long next) {
    LOG.info("AUDIT-196 the SIEM sink {} accepts events again after {} failure(s); it is at log index {}", sink,
        failures, next);
  }

  static SiemConfigurationException badTrustFile(Path file, String reason) {
    return new SiemConfigurationException("cannot read the CA certificates for the syslog TLS connection"
        + " from " + file.toAbsolutePath() + " (audit.siem.syslog.trusted-certificates): " + reason
        + ". Name a PEM file with the certificate of the CA that signed the syslog server's certificate");
  }

  static void streaming(String sink, long next) {
    LOG.info("AUDIT-198 the SIEM sink {} streams the sealed events from log index {}", sink, next);
  }

  static void movedElsewhere(String sink, long from) {
    LOG.info("AUDIT-199 the position of the SIEM sink {} was moved on from log index {} by another node; this node"
        + " goes on from the stored position", sink, from);
  }
}
