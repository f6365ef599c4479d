package org.auditrail.autoconfigure;

import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.NoteVerifier;

/** Reads the verifier keys of earlier signing keys from configuration, failing the start on a bad one. */
final class PreviousKeys {

  private PreviousKeys() {}

  static NoteVerifier parse(String vkey) {
    try {
      return NoteVerifier.parseVkey(vkey);
    } catch (CheckpointParseException e) {
      throw new IllegalArgumentException("audit.log.previous-public-keys holds a key that is not a C2SP vkey"
          + " (name+keyid+base64): " + vkey + " (" + e.getMessage() + ")", e);
    }
  }
}
