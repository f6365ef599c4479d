package org.auditrail.privacy;

/** The configured privacy master key is not the vault's, or is missing for a vault in use: the node must not start. */
public final class MasterKeyException extends IllegalStateException {

  public MasterKeyException(String message) {
    super(message);
  }
}
