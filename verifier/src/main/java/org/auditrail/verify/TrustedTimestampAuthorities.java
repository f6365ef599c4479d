package org.auditrail.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The time-stamp authority certificates an auditor or operator trusts, read from a PEM file. */
public final class TrustedTimestampAuthorities {

  private final List<X509Certificate> certificates;

  public TrustedTimestampAuthorities(List<X509Certificate> certificates) {
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted time-stamp authority certificate is needed");
    }
    this.certificates = List.copyOf(certificates);
  }

  /** Every certificate in a PEM file (one or more {@code BEGIN CERTIFICATE} blocks). */
  public static TrustedTimestampAuthorities read(Path pemFile) throws IOException {
    byte[] pem = Files.readAllBytes(pemFile);
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      for (var certificate : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem))) {
        certificates.add((X509Certificate) certificate);
      }
    } catch (CertificateException e) {
      throw new IOException("the file " + pemFile + " does not hold readable PEM certificates: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException("the file " + pemFile + " holds no certificate");
    }
    return new TrustedTimestampAuthorities(certificates);
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }
}
