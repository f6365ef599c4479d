package org.auditrail.verify.bundle;

/** A file is not a case bundle, or one of its parts cannot be read. */
public final class BundleFormatException extends Exception {

  public BundleFormatException(String message) {
    super(message);
  }

  public BundleFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
