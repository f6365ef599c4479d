package org.auditrail.verify.log;

import java.util.List;
import org.auditrail.verify.Checkpoint;
import org.auditrail.verify.CheckpointParseException;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.SignedNote;

/** Believes a signed checkpoint only when one of the trusted keys signed it. */
public final class TrustedCheckpoint {

  private TrustedCheckpoint() {}

  /**
   * The checkpoint in a signed note, or {@code null} with a {@link Problem#CHECKPOINT_FORGED} finding when no
   * trusted key signed it or it cannot be read.
   *
   * @param what names the note in the finding, such as "checkpoint of size 42"
   */
  public static Checkpoint read(String noteText, List<NoteVerifier> trustedKeys, String what,
      List<Finding> findings) {
    return read(noteText, trustedKeys, null, what, findings);
  }

  /**
   * Like {@link #read(String, List, String, List)}, and the checkpoint must name the expected log in its origin
   * line: a checkpoint another log signed with the same key proves nothing about this one.
   *
   * @param origin the expected origin line, or {@code null} to accept any
   */
  public static Checkpoint read(String noteText, List<NoteVerifier> trustedKeys, String origin, String what,
      List<Finding> findings) {
    Checkpoint checkpoint = signed(noteText, trustedKeys, what, findings);
    if (checkpoint != null && origin != null && !origin.equals(checkpoint.origin())) {
      findings.add(new Finding(Problem.CHECKPOINT_FORGED, null, null, what + " is of the log '"
          + checkpoint.origin() + "', not of '" + origin + "'"));
      return null;
    }
    return checkpoint;
  }

  private static Checkpoint signed(String noteText, List<NoteVerifier> trustedKeys, String what,
      List<Finding> findings) {
    try {
      SignedNote note = SignedNote.parse(noteText);
      if (trustedKeys.stream().noneMatch(key -> key.verifies(note))) {
        findings.add(new Finding(Problem.CHECKPOINT_FORGED, null, null, what
            + " is not signed by any trusted key (signed as " + note.signatures().stream()
                .map(signature -> signature.keyName()).toList() + ")"));
        return null;
      }
      return Checkpoint.parse(note.body());
    } catch (CheckpointParseException e) {
      findings.add(new Finding(Problem.CHECKPOINT_FORGED, null, null, what + " cannot be read: " + e.getMessage()));
      return null;
    }
  }
}
