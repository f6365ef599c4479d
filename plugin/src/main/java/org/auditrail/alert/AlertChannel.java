package org.auditrail.alert;

/**
 * Where a rule's alerts go.
 *
 * @param type {@code webhook} or {@code email}
 * @param target the webhook's URL or the email address
 */
public record AlertChannel(String type, String target) {

  public static final String WEBHOOK = "webhook";
  public static final String EMAIL = "email";
}
