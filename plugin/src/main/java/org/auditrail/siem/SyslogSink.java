package org.auditrail.siem;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.auditrail.store.SealedLog.SealedEvent;

/**
 * A syslog server over TCP (RFC 6587, octet-counted frames), or over TLS (RFC 5425) trusting only the CA
 * certificates of a configured file and checking the server's name. Each batch goes over a connection of its own:
 * a server that went away is then found when connecting, not after frames were written into a dead connection.
 */
public final class SyslogSink implements SiemSink {

  private final String host;
  private final int port;
  private final SSLSocketFactory tls;
  private final int timeoutMillis;
  private final SyslogFormat format;

  private SyslogSink(String host, int port, SSLSocketFactory tls, Duration timeout, SyslogFormat format) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    this.format = format;
  }

  /** A sink over plain TCP. */
  public static SyslogSink tcp(String host, int port, Duration timeout, String hostname, String appName) {
    return new SyslogSink(host, port, null, timeout, new SyslogFormat(hostname, appName));
  }

  /** A sink over TLS that trusts the CA certificates (PEM) of {@code trustedCertificates} and nothing else. */
  public static SyslogSink tls(String host, int port, Path trustedCertificates, Duration timeout, String hostname,
      String appName) {
    return new SyslogSink(host, port, trusting(trustedCertificates), timeout, new SyslogFormat(hostname, appName));
  }

  private static SSLSocketFactory trusting(Path certificates) {
    try (InputStream pem = Files.newInputStream(certificates)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        trusted.setCertificateEntry("ca-" + n++, certificate);
      }
      if (n == 0) {
        throw SiemLogger.badTrustFile(certificates, "it holds no certificate");
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw SiemLogger.badTrustFile(certificates, e.toString());
    }
  }

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public void send(List<SealedEvent> events) throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      for (SealedEvent event : events) {
        out.write(format.frame(SealedEventFields.of(event)));
      }
      out.flush();
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      if (tls == null) {
        return socket;
      }
      SSLSocket secure = (SSLSocket) tls.createSocket(socket, host, port, true);
      SSLParameters parameters = secure.getSSLParameters();
      // RFC 5425 5.2: the server's certificate must name the host it was reached by.
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      return secure;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}
