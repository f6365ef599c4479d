package org.auditrail.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies every signed checkpoint to a write-once folder outside the database (an object-lock bucket mounted as a
 * folder in production), so that a rewritten or truncated log is caught against copies the database cannot reach.
 */
public final class CheckpointAnchor {

  private final Path directory;

  public CheckpointAnchor(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** The file name of the checkpoint of one tree size; zero-padded so that names sort by size. */
  public static String fileName(long treeSize) {
    return String.format("checkpoint-%020d.note", treeSize);
  }

  /** The file name of the RFC 3161 time-stamp token of the checkpoint of one tree size. */
  public static String timestampFileName(long treeSize) {
    return String.format("checkpoint-%020d.tsr", treeSize);
  }

  /** Writes a checkpoint's time-stamp token once beside it. */
  public void writeTimestamp(long treeSize, byte[] token) throws IOException {
    WriteOnceFile.create(directory.resolve(timestampFileName(treeSize)), token, false);
  }

  /** Writes a checkpoint once; an existing copy is never overwritten. */
  public void write(long treeSize, String signedNote) throws IOException {
    Path file = directory.resolve(fileName(treeSize));
    try {
      WriteOnceFile.create(file, signedNote.getBytes(StandardCharsets.UTF_8), false);
    } catch (FileAlreadyExistsException e) {
      if (!Files.readString(file, StandardCharsets.UTF_8).equals(signedNote)) {
        throw new IOException("anchored checkpoint " + fileName(treeSize) + " already exists with other content");
      }
    }
  }
}
