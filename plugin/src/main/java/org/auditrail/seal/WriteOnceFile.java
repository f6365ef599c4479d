package org.auditrail.seal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Creates a file with its whole content or not at all, and never replaces one that exists. A process killed while
 * writing a file in place leaves it empty or cut short for good: an unreadable anchor then reads as a forged
 * checkpoint, and an unreadable key stops the node.
 */
public final class WriteOnceFile {

  private WriteOnceFile() {}

  /**
   * Writes the content to a hidden partial file beside the target, synced to disk, and renames it into place.
   *
   * @param ownerOnly whether the file holds a secret: then it is readable by its owner only from its first byte,
   *     where the file system has POSIX permissions
   * @throws FileAlreadyExistsException when the file exists; its content is left as it is
   */
  public static void create(Path file, byte[] content, boolean ownerOnly) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    Path partial = folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".partial");
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes = ownerOnly && posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Files.createFile(partial, attributes);
    try {
      Files.write(partial, content, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
      // Without REPLACE_EXISTING the move refuses a target that appeared meanwhile.
      Files.move(partial, file);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
