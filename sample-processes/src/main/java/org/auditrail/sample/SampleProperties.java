package org.auditrail.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The sample application's own settings ({@code sample.*}). */
@ConfigurationProperties("sample")
public class SampleProperties {

  /**
   * Password of every demo user; empty means each demo user's password is their user id, which only the embedded
   * demo database accepts.
   */
  private String demoPassword = "";

  private final DemoUsers demoUsers = new DemoUsers();

  public String getDemoPassword() { return demoPassword; }
  public void setDemoPassword(String demoPassword) { this.demoPassword = demoPassword; }

  public DemoUsers getDemoUsers() { return demoUsers; }

  public static class DemoUsers {

    /** Whether to create the demo users (mary, carol, alice, petra) and their memberships at first start. */
    private boolean enabled = true;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
  }
}
