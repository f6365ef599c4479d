package org.auditrail.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.auditrail.store.AuditStorageException;
import org.auditrail.verify.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @TempDir Path folder;

  @Test
  void generatesAKeyOnFirstStartAndLoadsTheSameKeyAfterwards() {
    Path file = folder.resolve("keys").resolve("signing.pem");
    NoteSigner generated = SigningKeys.load(file, "auditrail");
    assertThat(file).exists();
    assertThat(SigningKeys.load(file, "auditrail").verifier().vkey()).isEqualTo(generated.verifier().vkey());
  }

  @Test
  void refusesAFileThatIsNotAPkcs8Ed25519KeyAndSaysHowToFixIt() throws Exception {
    Path file = Files.writeString(folder.resolve("broken.pem"), "not a key");
    assertThatThrownBy(() -> SigningKeys.load(file, "auditrail"))
        .isInstanceOf(AuditStorageException.class)
        .hasMessageStartingWith("AUDIT-030 the checkpoint signing key " + file.toAbsolutePath()
            + " cannot be read as a PKCS#8 Ed25519 private key (")
        .hasMessageEndingWith("). Fix the file, or point audit.log.signing-key at a readable key.");
  }
}
