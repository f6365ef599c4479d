package org.auditrail.seal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import org.auditrail.store.ContentBlob;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An RFC 3161 time-stamp authority reached over HTTP: proves, by a third party's signature, that a checkpoint
 * existed at a time, so that back-dating a rewritten log is caught.
 */
public final class TimestampAuthority {

  private final URI url;
  private final Duration timeout;
  private final HttpClient http;
  private final SecureRandom random = new SecureRandom();

  public TimestampAuthority(URI url, Duration timeout) {
    this.url = url;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public URI url() {
    return url;
  }

  /** The DER-encoded time-stamp token over the SHA-256 of a signed checkpoint note. */
  public byte[] stamp(String signedNote) throws IOException {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256,
        ContentBlob.sha256(signedNote.getBytes(StandardCharsets.UTF_8)), new BigInteger(64, random));
    HttpResponse<byte[]> response;
    try {
      response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
          .header("Content-Type", "application/timestamp-query")
          .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the time-stamp authority " + url, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("the time-stamp authority " + url + " answered HTTP " + response.statusCode());
    }
    try {
      TimeStampResponse answer = new TimeStampResponse(response.body());
      answer.validate(request);
      if (answer.getTimeStampToken() == null) {
        throw new IOException("the time-stamp authority " + url + " refused the request: "
            + answer.getStatusString());
      }
      return answer.getTimeStampToken().getEncoded();
    } catch (TSPException e) {
      throw new IOException("the time-stamp authority " + url + " sent an invalid response: " + e.getMessage(), e);
    }
  }
}
