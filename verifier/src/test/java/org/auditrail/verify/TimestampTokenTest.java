package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimestampTokenTest {

  static final String NOTE = "auditrail.example/log\n3\nq6s=\n\n— auditrail AAAA\n";
  /** Within the test authorities' certificates' validity; tokens carry whole seconds. */
  static final Instant STAMPED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  static TestTimestampAuthority authority;
  static TestTimestampAuthority stranger;

  @BeforeAll
  static void authorities() throws Exception {
    authority = new TestTimestampAuthority("Auditrail Test TSA");
    stranger = new TestTimestampAuthority("Unknown TSA");
  }

  @Test
  void aGoodTokenYieldsItsGenerationTimeAndAuthority(@TempDir Path folder) throws Exception {
    Path pem = Files.writeString(folder.resolve("tsa.pem"), authority.certificatePem());

    TimestampToken token = TimestampToken.validate(authority.stamp(NOTE, Date.from(STAMPED)), NOTE,
        TrustedTimestampAuthorities.read(pem));

    assertThat(token).isEqualTo(new TimestampToken(STAMPED, "CN=Auditrail Test TSA"));
  }

  @Test
  void aTokenOverAnotherNoteIsRefusedNamingBothHashes() throws Exception {
    byte[] token = authority.stamp("auditrail.example/log\n2\nq6s=\n", Date.from(STAMPED));

    assertThatThrownBy(() -> TimestampToken.validate(token, NOTE, trusting(authority)))
        .isInstanceOf(TimestampValidationException.class)
        .hasMessage("the token's message imprint " + sha256Hex("auditrail.example/log\n2\nq6s=\n")
            + " is not the hash of the checkpoint note (" + sha256Hex(NOTE) + ")");
  }

  @Test
  void aTokenFromAnUntrustedAuthorityIsRefused() throws Exception {
    byte[] token = stranger.stamp(NOTE, Date.from(STAMPED));

    assertThatThrownBy(() -> TimestampToken.validate(token, NOTE, trusting(authority)))
        .isInstanceOf(TimestampValidationException.class)
        .hasMessage("the TSA certificate CN=Unknown TSA is neither trusted nor issued by a trusted certificate");
  }

  @Test
  void aTokenStampedOutsideItsCertificatesValidityIsRefused() throws Exception {
    byte[] token = authority.stamp(NOTE, Date.from(Instant.parse("2020-01-01T00:00:00Z")));

    assertThatThrownBy(() -> TimestampToken.validate(token, NOTE, trusting(authority)))
        .isInstanceOf(TimestampValidationException.class)
        .hasMessage("the token's signature does not verify with its TSA certificate CN=Auditrail Test TSA:"
            + " certificate not valid when time stamp created.");
  }

  @Test
  void aTokenWhoseBytesWereAlteredIsRefused() throws Exception {
    byte[] token = authority.stamp(NOTE, Date.from(STAMPED));
    token[token.length - 5] ^= 1;

    assertThatThrownBy(() -> TimestampToken.validate(token, NOTE, trusting(authority)))
        .isInstanceOf(TimestampValidationException.class)
        .hasMessageStartingWith("the token");
  }

  @Test
  void bytesThatAreNoTokenAreRefused() {
    assertThatThrownBy(() -> TimestampToken.validate("no token".getBytes(StandardCharsets.UTF_8), NOTE,
        trusting(authority)))
        .isInstanceOf(TimestampValidationException.class)
        .hasMessageStartingWith("the token cannot be read: ");
  }

  static TrustedTimestampAuthorities trusting(TestTimestampAuthority tsa) {
    return new TrustedTimestampAuthorities(List.of(tsa.certificate()));
  }

  static String sha256Hex(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
