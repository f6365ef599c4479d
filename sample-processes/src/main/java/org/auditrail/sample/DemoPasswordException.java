package org.auditrail.sample;

/**
 * The application was asked to start with a demo password on a database other than the embedded demo one, where
 * everyone who has read the README could log in.
 */
class DemoPasswordException extends RuntimeException {

  private final String property;

  private DemoPasswordException(String message, String property) {
    super(message);
    this.property = property;
  }

  static DemoPasswordException adminPassword(String adminId) {
    return new DemoPasswordException("AUDIT-080 the administrator '" + adminId + "' would have a demo password"
        + " (its user id or 'demo') outside the embedded demo database; set camunda.bpm.admin-user.password",
        "camunda.bpm.admin-user.password");
  }

  static DemoPasswordException demoUsersPassword() {
    return new DemoPasswordException("AUDIT-081 the demo users would have a demo password (their user id or"
        + " 'demo') outside the embedded demo database; set sample.demo-password, or switch them off with"
        + " sample.demo-users.enabled=false", "sample.demo-password");
  }

  /** The property whose value must change. */
  String property() {
    return property;
  }
}
