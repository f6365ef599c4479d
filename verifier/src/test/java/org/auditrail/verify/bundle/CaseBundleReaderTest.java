package org.auditrail.verify.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseBundleReaderTest {

  private final TestBundle bundle = new TestBundle();

  @TempDir Path directory;

  @Test
  void readsEveryPartByItsName() throws Exception {
    CaseBundle read = CaseBundleReader.read(bundle.write(directory));

    assertThat(read.manifest().traceId()).isEqualTo(TestBundle.CASE);
    assertThat(read.manifest().treeSize()).isEqualTo(6);
    assertThat(read.manifest().rootHash()).isEqualTo(bundle.checkpoint.rootHash());
    assertThat(read.manifest().eventCount()).isEqualTo(3);
    assertThat(read.checkpointNote()).startsWith(bundle.checkpoint.body());
    assertThat(read.publicKeys()).isEqualTo(bundle.logKey.verifier().vkey() + "\n");
    assertThat(read.events().keySet()).containsExactly(1L, 3L, 4L);
    assertThat(read.events().get(3L)).isEqualTo(bundle.log.get(3));
    assertThat(read.proofs().keySet()).containsExactly(1L, 3L, 4L);
    assertThat(read.blobs().keySet())
        .containsExactlyInAnyOrder(TestBundle.sha256(TestBundle.BPMN), TestBundle.sha256(TestBundle.LARGE_VALUE));
    assertThat(read.unexpectedEntries()).isEmpty();
  }

  @Test
  void aFileThatIsNoZipIsRefused() throws Exception {
    Path file = Files.writeString(directory.resolve("case.zip"), "not a zip");

    assertThatThrownBy(() -> CaseBundleReader.read(file))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageStartingWith(file + " is not a readable ZIP file: ");
  }

  @Test
  void aZipWithoutManifestIsNoBundle() throws Exception {
    bundle.entries.remove(BundleLayout.MANIFEST);
    Path zip = bundle.write(directory);

    assertThatThrownBy(() -> CaseBundleReader.read(zip))
        .isInstanceOf(BundleFormatException.class)
        .hasMessage(zip + " is not a case bundle: it has no bundle.json");
  }

  @Test
  void aManifestOfAnotherFormatIsRefused() throws Exception {
    bundle.entries.put(BundleLayout.MANIFEST, "{\"format\":\"auditrail-case-bundle/2\"}"
        .getBytes(StandardCharsets.UTF_8));
    Path zip = bundle.write(directory);

    assertThatThrownBy(() -> CaseBundleReader.read(zip))
        .isInstanceOf(BundleFormatException.class)
        .hasMessage("bundle.json has format 'auditrail-case-bundle/2', but this verifier reads"
            + " auditrail-case-bundle/1");
  }

  @Test
  void aManifestWithAFieldTwiceIsRefused() throws Exception {
    bundle.entries.put(BundleLayout.MANIFEST, ("{\"format\":\"auditrail-case-bundle/1\",\"trace_id\":\"a\","
        + "\"trace_id\":\"b\"}").getBytes(StandardCharsets.UTF_8));
    Path zip = bundle.write(directory);

    assertThatThrownBy(() -> CaseBundleReader.read(zip))
        .isInstanceOf(BundleFormatException.class)
        .hasMessageStartingWith("bundle.json is not valid JSON: Duplicate field 'trace_id'");
  }

  @Test
  void aManifestFieldOfTheWrongKindIsNamed() throws Exception {
    bundle.entries.put(BundleLayout.MANIFEST, ("{\"format\":\"auditrail-case-bundle/1\",\"trace_id\":null}")
        .getBytes(StandardCharsets.UTF_8));
    Path zip = bundle.write(directory);

    assertThatThrownBy(() -> CaseBundleReader.read(zip))
        .isInstanceOf(BundleFormatException.class)
        .hasMessage("bundle.json must have a field 'trace_id' holding a string, but it holds: VALUE_NULL");
  }
}
