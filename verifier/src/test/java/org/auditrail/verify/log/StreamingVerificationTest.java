package org.auditrail.verify.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.MerkleFrontier;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.Rfc6962;
import org.junit.jupiter.api.Test;

/**
 * The verifier streams a log: a JVM whose heap cannot hold the log's events verifies it all the same, while the
 * same JVM cannot even hold the log in memory as a {@link StoredLog}.
 */
class StreamingVerificationTest {

  private static final int EVENTS = 100_000;
  private static final int PAD_CHARS = 2_000;
  private static final String SMALL_HEAP = "-Xmx48m";

  @Test
  void aHeapFarSmallerThanTheLogVerifiesItWhole() throws Exception {
    Result result = inSmallHeap("stream");

    assertThat(result.output()).isEqualTo("verified " + EVENTS + " events, findings []");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void theSameHeapCannotHoldTheLogInMemory() throws Exception {
    Result result = inSmallHeap("hold");

    assertThat(result.output()).contains("java.lang.OutOfMemoryError");
    assertThat(result.exitCode()).isNotZero();
  }

  @Test
  void aStreamedLogStillReportsAnEditedEvent() {
    NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
    GeneratedLog log = new GeneratedLog(1_000, signer, 700);

    VerificationReport report = new LogVerifier(List.of(signer.verifier())).verify(log);

    assertThat(report.findings()).extracting(Finding::problem, Finding::eventId, Finding::logIndex)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Problem.MODIFIED, "e-700", 700L));
    assertThat(report.eventsChecked()).isEqualTo(1_000);
  }

  private record Result(int exitCode, String output) {}

  private static Result inSmallHeap(String mode) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), SMALL_HEAP, "-cp", System.getProperty("java.class.path"),
        SmallHeap.class.getName(), mode).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), output);
  }

  /** Runs in the small-heap JVM: {@code stream} verifies the generated log, {@code hold} reads it whole first. */
  public static final class SmallHeap {
    public static void main(String[] args) {
      NoteSigner signer = NoteSigner.generate("test", new SecureRandom());
      GeneratedLog log = new GeneratedLog(EVENTS, signer, -1);
      LogVerifier verifier = new LogVerifier(List.of(signer.verifier()));
      VerificationReport report = verifier.verify("hold".equals(args[0]) ? log.held() : log);
      System.out.println("verified " + report.eventsChecked() + " events, findings " + report.findings());
    }
  }

  /**
   * A valid log of events of about 2 KB each, made up as the verifier asks for it, never held; one checkpoint
   * signs all of it. One event can be edited after sealing.
   */
  static final class GeneratedLog implements LogSource {
    private static final String PAD = "x".repeat(PAD_CHARS);

    private final int events;
    private final long editedIndex;
    private final Map<String, String> columns;
    private final List<StoredLog.StoredCheckpoint> checkpoints;

    GeneratedLog(int events, NoteSigner signer, long editedIndex) {
      this.events = events;
      this.editedIndex = editedIndex;
      try {
        this.columns = EventColumns.of(payload(0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      MerkleFrontier frontier = new MerkleFrontier();
      for (int i = 0; i < events; i++) {
        frontier.append(leaf(i));
      }
      byte[] root = frontier.root();
      String note = signer.sign(new Checkpoint("test/log", events, root).body()).text();
      this.checkpoints = List.of(new StoredLog.StoredCheckpoint(events, root, note));
    }

    private static String payload(long index) {
      return "{\"event_id\":\"e-" + index + "\",\"event_type\":\"task_completed\",\"timestamp\":"
          + "\"2026-01-01T00:00:00Z\",\"trace_id\":\"t-1\",\"pad\":\"" + PAD + "\"}";
    }

    private static byte[] leaf(long index) {
      return Rfc6962.leafHash(payload(index).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void forEachEntry(Consumer<StoredLog.Entry> action) {
      byte[] previous = null;
      for (long i = 0; i < events; i++) {
        byte[] leaf = leaf(i);
        String stored = i == editedIndex ? payload(i).replace("task_completed", "task_cancelled") : payload(i);
        action.accept(new StoredLog.Entry(i, "e-" + i, leaf, previous, stored, columns));
        previous = leaf;
      }
    }

    /** The same log read whole into memory. */
    StoredLog held() {
      List<StoredLog.Entry> entries = new ArrayList<>();
      forEachEntry(entries::add);
      return new StoredLog(entries, List.of(), checkpoints, Map.of(), Map.of());
    }

    @Override
    public List<String> unsealedOrphans() {
      return List.of();
    }

    @Override
    public List<StoredLog.StoredCheckpoint> checkpoints() {
      return checkpoints;
    }

    @Override
    public Map<String, String> anchoredNotes() {
      return Map.of();
    }

    @Override
    public void forEachBlob(BiConsumer<String, byte[]> action) {}

    @Override
    public List<ExpiredPayload> expiredPayloads() {
      return List.of();
    }
  }
}
