package org.auditrail.autoconfigure;

import org.auditrail.store.SchemaOwner;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The role that owns the audit tables, under {@code audit.schema.*} (PostgreSQL): when set, it migrates them and
 * grants the engine's own role only what the application needs; otherwise the engine's user migrates them.
 */
@ConfigurationProperties("audit.schema")
public class SchemaProperties {

  /** The role that owns and migrates the audit tables; when unset, the engine's own user does, and roles are not separated. */
  private String username;

  /** The owner role's password. */
  private String password;

  /** The JDBC URL the owner connects with; default: the engine's database URL. */
  private String url;

  /** The role granted what the application needs on the audit tables; default: the user of the engine's data source. */
  private String runtimeRole;

  public String getUsername() { return username; }
  public void setUsername(String username) { this.username = username; }
  public String getPassword() { return password; }
  public void setPassword(String password) { this.password = password; }
  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
  public String getRuntimeRole() { return runtimeRole; }
  public void setRuntimeRole(String runtimeRole) { this.runtimeRole = runtimeRole; }

  SchemaOwner toOwner() {
    return new SchemaOwner(url, username, password, runtimeRole);
  }
}
