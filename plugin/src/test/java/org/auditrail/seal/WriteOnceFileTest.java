package org.auditrail.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteOnceFileTest {

  @TempDir Path folder;

  @Test
  void createsTheWholeFileOwnerOnlyAndLeavesNoPartialFileBehind() throws Exception {
    Path key = folder.resolve("keys").resolve("signing.pem");
    WriteOnceFile.create(key, "secret".getBytes(StandardCharsets.US_ASCII), true);

    assertThat(key).hasContent("secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    try (var files = Files.list(key.getParent())) {
      assertThat(files).containsExactly(key);
    }
  }

  @Test
  void neverReplacesAnExistingFile() throws Exception {
    Path note = Files.writeString(folder.resolve("checkpoint.note"), "first");

    assertThatThrownBy(() -> WriteOnceFile.create(note, "second".getBytes(StandardCharsets.UTF_8), false))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(note).hasContent("first");
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(note);
    }
  }
}
