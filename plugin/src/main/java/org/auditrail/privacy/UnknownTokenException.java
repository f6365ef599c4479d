package org.auditrail.privacy;

/** A token the vault does not hold. */
public class UnknownTokenException extends RuntimeException {

  public UnknownTokenException(String token) {
    super("no token '" + token + "' is known to the vault");
  }
}
