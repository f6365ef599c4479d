package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.auditrail.siem.SyslogSink;
import org.auditrail.store.SealedLog.SealedEvent;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Syslog over TLS (RFC 5425) trusts the configured CA file and nothing else. */
class SyslogOverTlsTest {

  private static final String EVENT = "{\"actor\":{\"id\":\"mary\",\"type\":\"user\"},\"event_id\":\"e-1\","
      + "\"event_type\":\"task_completed\",\"timestamp\":\"2026-01-12T09:30:00.000Z\",\"trace_id\":\"pi-1\"}";

  @Test
  void theSinkSendsOverTlsToAServerWhoseCertificateTheConfiguredCaSigned() throws Exception {
    TestCa ca = new TestCa("CN=Auditrail Test Syslog CA");
    try (LocalSyslogReceiver receiver = new LocalSyslogReceiver(ca.serverContext("127.0.0.1"))) {
      SyslogSink sink = SyslogSink.tls("127.0.0.1", receiver.port(), ca.writePem(), Duration.ofSeconds(5), "node-1",
          "auditrail");

      sink.send(List.of(new SealedEvent(0, "e-1", EVENT)));

      assertThat(receiver.awaitMessages(1)).extracting(LocalSyslogReceiver.Message::text).containsExactly(
          "<110>1 2026-01-12T09:30:00.000Z node-1 auditrail - task_completed [auditrail@32473 log_index=\"0\""
              + " event_id=\"e-1\" trace_id=\"pi-1\" actor_type=\"user\" actor_id=\"mary\"] " + EVENT);
    }
  }

  @Test
  void theSinkRefusesAServerWhoseCertificateAnotherCaSigned() throws Exception {
    TestCa serverCa = new TestCa("CN=Someone Else's CA");
    TestCa trusted = new TestCa("CN=Auditrail Test Syslog CA");
    try (LocalSyslogReceiver receiver = new LocalSyslogReceiver(serverCa.serverContext("127.0.0.1"))) {
      SyslogSink sink = SyslogSink.tls("127.0.0.1", receiver.port(), trusted.writePem(), Duration.ofSeconds(5),
          "node-1", "auditrail");

      assertThatThrownBy(() -> sink.send(List.of(new SealedEvent(0, "e-1", EVENT))))
          .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path building failed");
      assertThat(receiver.messages()).isEmpty();
    }
  }

  @Test
  void theSinkRefusesAServerCertificateForAnotherHost() throws Exception {
    TestCa ca = new TestCa("CN=Auditrail Test Syslog CA");
    try (LocalSyslogReceiver receiver = new LocalSyslogReceiver(ca.serverContext("127.0.0.2"))) {
      SyslogSink sink = SyslogSink.tls("127.0.0.1", receiver.port(), ca.writePem(), Duration.ofSeconds(5), "node-1",
          "auditrail");

      assertThatThrownBy(() -> sink.send(List.of(new SealedEvent(0, "e-1", EVENT))))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1 found");
      assertThat(receiver.messages()).isEmpty();
    }
  }

  /** A certificate authority of the test's own, issuing one server certificate for an IP address. */
  private static final class TestCa {
    private final KeyPair keys;
    private final X500Name name;
    private final X509Certificate certificate;

    TestCa(String name) throws Exception {
      this.keys = ecKeys();
      this.name = new X500Name(name);
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(this.name, BigInteger.ONE, notBefore(),
          notAfter(), this.name, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      this.certificate = sign(builder);
    }

    SSLContext serverContext(String ipAddress) throws Exception {
      KeyPair server = ecKeys();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TWO, notBefore(),
          notAfter(), new X500Name("CN=syslog"), server.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, ipAddress)));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", server.getPrivate(), new char[0],
          new Certificate[] {sign(builder), certificate});
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(store, new char[0]);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    }

    Path writePem() throws Exception {
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
              certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
      return Files.writeString(Files.createTempFile("syslog-ca", ".pem"), pem);
    }

    private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws Exception {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static KeyPair ecKeys() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    }

    private static Date notBefore() {
      return new Date(System.currentTimeMillis() - 60_000);
    }

    private static Date notAfter() {
      return new Date(System.currentTimeMillis() + 3_600_000);
    }
  }
}
