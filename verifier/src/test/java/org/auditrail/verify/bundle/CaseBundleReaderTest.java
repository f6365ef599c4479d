package org.auditrail.verify.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseBundleReaderTest {

  private final TestBundle bundle = new TestBundle();

  @TempDir Path directory;

  @Test
  void readsEveryPartByItsName() throws Exception {
    CaseBundle read = CaseBundleReader.read(bundle.write(directory));

    assertThat(read.manifest().traceId()).isEqualTo(TestBundle.CASE);
    assertThat(read.manifest().treeSize()).isEqualTo(7);
    assertThat(read.manifest().rootHash()).isEqualTo(bundle.checkpoint.rootHash());
    assertThat(read.manifest().eventCount()).isEqualTo(3);
    assertThat(read.checkpointNote()).startsWith(bundle.checkpoint.body());
    assertThat(read.publicKeys()).isEqualTo(bundle.logKey.verifier().vkey() + "\n");
    assertThat(read.events().keySet()).containsExactly(1L, 3L, 4L);
    assertThat(read.events().get(3L)).isEqualTo(bundle.log.get(3));
    assertThat(read.proofs().keySet()).containsExactly(1L, 3L, 4L);
    assertThat(read.blobs().keySet())
        .containsExactlyInAnyOrder(TestBundle.sha256(TestBundle.BPMN), TestBundle.sha256(TestBundle.LARGE_VALUE));
    assertThat(read.traceSummary()).isEqualTo(bundle.log.get((int) TestBundle.SUMMARY_INDEX));
    assertThat(read.traceSummaryProof()).isEqualTo(bundle.entries.get(BundleLayout.TRACE_SUMMARY_PROOF));
    assertThat(read.traceProofs().keySet()).containsExactly(1L, 3L, 4L);
    assertThat(read.checkpointTimestamp()).isNull();
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

  @Test
  void aZipBombIsRefusedNamingTheEntryAndTheLimit() throws Exception {
    Path zip = directory.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("blobs/zeros"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 100; i++) {
        out.write(zeros);
      }
      out.closeEntry();
    }
    assertThat(Files.size(zip)).isLessThan(1 << 20);

    assertThatThrownBy(() -> CaseBundleReader.read(zip))
        .isInstanceOf(BundleFormatException.class)
        .hasMessage(zip + ": entry blobs/zeros unpacks to more than the limit of 67108864 bytes"
            + " (--max-entry-bytes)");
  }

  @Test
  void tooManyEntriesAreRefusedBeforeAnyIsRead() throws Exception {
    for (int i = 0; i < 20; i++) {
      bundle.entries.put("extra/" + i, new byte[0]);
    }
    Path zip = bundle.write(directory);
    int count = bundle.entries.size();

    assertThatThrownBy(() -> CaseBundleReader.read(zip, new BundleLimits(count - 1, 1 << 20, 1 << 30)))
        .isInstanceOf(BundleFormatException.class)
        .hasMessage(zip + " holds " + count + " entries, more than the limit of " + (count - 1)
            + " (--max-entries)");
    assertThat(CaseBundleReader.read(zip, new BundleLimits(count, 1 << 20, 1 << 30)).unexpectedEntries())
        .hasSize(20);
  }

  @Test
  void entriesTogetherBeyondTheTotalAreRefusedAtTheEntryThatCrossesIt() throws Exception {
    bundle.entries.clear();
    bundle.entries.put("a", new byte[600]);
    bundle.entries.put("b", new byte[600]);
    Path zip = bundle.write(directory);

    assertThatThrownBy(() -> CaseBundleReader.read(zip, new BundleLimits(10, 1000, 1000)))
        .isInstanceOf(BundleFormatException.class)
        .hasMessage(zip + " unpacks to more than the limit of 1000 bytes in total (--max-total-bytes), reached at"
            + " entry b");
  }
}
