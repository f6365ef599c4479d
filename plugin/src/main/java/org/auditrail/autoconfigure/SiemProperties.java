package org.auditrail.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.auditrail.siem.SiemSettings;

/**
 * The stream of sealed events to the security team's SIEM, under {@code audit.siem.*}: off unless a syslog host or
 * an OTLP endpoint is set.
 */
public class SiemProperties {

  /** How long the forwarder waits between passes over the sinks. */
  private Duration interval = Duration.ofSeconds(5);

  /** The most events sent to a sink in one request or connection. */
  private int batchSize = 500;

  /** The pause after a sink's first failure; it doubles after each further failure. */
  private Duration firstRetry = Duration.ofSeconds(5);

  /** The longest pause between a failing sink's attempts. */
  private Duration maxRetry = Duration.ofMinutes(5);

  private final Syslog syslog = new Syslog();

  private final Otlp otlp = new Otlp();

  public Duration getInterval() { return interval; }
  public void setInterval(Duration interval) { this.interval = interval; }
  public int getBatchSize() { return batchSize; }
  public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
  public Duration getFirstRetry() { return firstRetry; }
  public void setFirstRetry(Duration firstRetry) { this.firstRetry = firstRetry; }
  public Duration getMaxRetry() { return maxRetry; }
  public void setMaxRetry(Duration maxRetry) { this.maxRetry = maxRetry; }
  public Syslog getSyslog() { return syslog; }
  public Otlp getOtlp() { return otlp; }

  SiemSettings toSettings() {
    return new SiemSettings(interval, batchSize, firstRetry, maxRetry);
  }

  /** A syslog server: RFC 5424 messages over TCP (RFC 6587 octet counting), or TLS (RFC 5425). */
  public static class Syslog {

    /** The syslog server's host; no syslog stream when empty. */
    private String host;

    /** The syslog server's TCP port (6514 is the one registered for syslog over TLS). */
    private int port = 6514;

    /** Whether to connect with TLS, trusting only the CA certificates of trusted-certificates. */
    private boolean tls = true;

    /** PEM file of the CA certificates that may sign the syslog server's certificate; required with TLS. */
    private Path trustedCertificates;

    /** The HOSTNAME field of every message: this node's name. */
    private String hostname = "auditrail";

    /** The APP-NAME field of every message. */
    private String appName = "auditrail";

    /** How long to wait for the server to accept a connection or a write. */
    private Duration timeout = Duration.ofSeconds(10);

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public boolean isTls() { return tls; }
    public void setTls(boolean tls) { this.tls = tls; }
    public Path getTrustedCertificates() { return trustedCertificates; }
    public void setTrustedCertificates(Path trustedCertificates) { this.trustedCertificates = trustedCertificates; }
    public String getHostname() { return hostname; }
    public void setHostname(String hostname) { this.hostname = hostname; }
    public String getAppName() { return appName; }
    public void setAppName(String appName) { this.appName = appName; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
  }

  /** An OpenTelemetry collector that takes OTLP logs over HTTP. */
  public static class Otlp {

    /** The collector's logs endpoint, e.g. http://collector:4318/v1/logs; no OTLP stream when empty. */
    private URI endpoint;

    /** HTTP headers sent with every request, such as an authorization token. */
    private Map<String, String> headers = new LinkedHashMap<>();

    /** The service.name resource attribute of the log records. */
    private String serviceName = "auditrail";

    /** How long to wait for the collector to answer. */
    private Duration timeout = Duration.ofSeconds(10);

    public URI getEndpoint() { return endpoint; }
    public void setEndpoint(URI endpoint) { this.endpoint = endpoint; }
    public Map<String, String> getHeaders() { return headers; }
    public void setHeaders(Map<String, String> headers) { this.headers = headers; }
    public String getServiceName() { return serviceName; }
    public void setServiceName(String serviceName) { this.serviceName = serviceName; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
  }
}
