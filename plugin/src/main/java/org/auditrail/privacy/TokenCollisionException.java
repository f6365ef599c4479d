package org.auditrail.privacy;

/**
 * Two personal values met on one token: the vault refuses to keep the second rather than let the token resolve to
 * the first, and the engine command that brought it fails.
 */
public class TokenCollisionException extends RuntimeException {

  public TokenCollisionException(String token, String field, String keptField) {
    super("AUDIT-140 the token " + token + " of a value of field '" + field + "' already stands for another value"
        + " (of field '" + keptField + "'); the value is refused rather than resolved to the other one");
  }
}
