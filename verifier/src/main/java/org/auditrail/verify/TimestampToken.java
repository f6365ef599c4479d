package org.auditrail.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * A validated RFC 3161 time-stamp token over a signed checkpoint note: its CMS signature verifies with the TSA
 * certificate it carries, that certificate is trusted (or directly issued by a trusted one), and its message
 * imprint is the hash of the note's UTF-8 bytes, exactly what the plugin sends to the authority.
 *
 * @param generationTime when the authority says it saw the note
 * @param authority the subject of the TSA certificate that signed the token
 */
public record TimestampToken(Instant generationTime, String authority) {

  /** Validates a DER-encoded token against the note it should cover; the exception's message says what failed. */
  public static TimestampToken validate(byte[] encoded, String signedNote, TrustedTimestampAuthorities trusted)
      throws TimestampValidationException {
    TimeStampToken token;
    try {
      token = new TimeStampToken(new CMSSignedData(encoded));
    } catch (CMSException | TSPException | IOException | RuntimeException e) {
      throw new TimestampValidationException("the token cannot be read: " + e.getMessage(), e);
    }
    X509CertificateHolder signer = signerCertificate(token);
    if (!trusts(trusted, signer)) {
      throw new TimestampValidationException("the TSA certificate " + signer.getSubject()
          + " is neither trusted nor issued by a trusted certificate");
    }
    try {
      // Also checks the certificate's validity at the generation time, its time-stamping key usage and that the
      // token names this certificate (ESS signing-certificate attribute).
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
    } catch (TSPException | OperatorCreationException | java.security.cert.CertificateException e) {
      throw new TimestampValidationException("the token's signature does not verify with its TSA certificate "
          + signer.getSubject() + ": " + e.getMessage(), e);
    }
    byte[] expected = digest(token.getTimeStampInfo().getHashAlgorithm(),
        signedNote.getBytes(StandardCharsets.UTF_8));
    byte[] imprint = token.getTimeStampInfo().getMessageImprintDigest();
    if (!MessageDigest.isEqual(expected, imprint)) {
      HexFormat hex = HexFormat.of();
      throw new TimestampValidationException("the token's message imprint " + hex.formatHex(imprint)
          + " is not the hash of the checkpoint note (" + hex.formatHex(expected) + ")");
    }
    return new TimestampToken(token.getTimeStampInfo().getGenTime().toInstant(), signer.getSubject().toString());
  }

  private static X509CertificateHolder signerCertificate(TimeStampToken token) throws TimestampValidationException {
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
    if (matches.isEmpty()) {
      throw new TimestampValidationException("the token does not carry the certificate of the TSA that signed it");
    }
    return matches.iterator().next();
  }

  /** Whether a trusted certificate is the signer's own or its direct issuer. */
  private static boolean trusts(TrustedTimestampAuthorities trusted, X509CertificateHolder signer) {
    for (X509Certificate certificate : trusted.certificates()) {
      try {
        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(certificate);
        if (holder.equals(signer) || holder.getSubject().equals(signer.getIssuer()) && signer.isSignatureValid(
            new JcaContentVerifierProviderBuilder().build(certificate.getPublicKey()))) {
          return true;
        }
      } catch (java.security.cert.CertificateException | OperatorCreationException
          | org.bouncycastle.cert.CertException e) {
        // This trusted certificate cannot vouch for the signer: try the next.
      }
    }
    return false;
  }

  private static byte[] digest(AlgorithmIdentifier algorithm, byte[] bytes) throws TimestampValidationException {
    try {
      DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().build().get(algorithm);
      try (OutputStream out = calculator.getOutputStream()) {
        out.write(bytes);
      }
      return calculator.getDigest();
    } catch (OperatorCreationException | IOException e) {
      throw new TimestampValidationException("the token's hash algorithm " + algorithm.getAlgorithm()
          + " is not supported: " + e.getMessage(), e);
    }
  }
}
