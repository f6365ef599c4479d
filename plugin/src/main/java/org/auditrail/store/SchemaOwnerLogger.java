package org.auditrail.store;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages about the audit tables' owner and the role the application runs as (AUDIT-090 to AUDIT-099); it also
 * builds the exceptions that stop a start whose roles would not keep the audit tables out of the application's reach.
 */
public final class SchemaOwnerLogger {

  private static final Logger LOG = LoggerFactory.getLogger("org.auditrail");

  private SchemaOwnerLogger() {}

  static void migrated(int applied, String owner, String runtimeRole) {
    LOG.info("AUDIT-090 audit schema on POSTGRESQL is current ({} migration(s) applied) as its owner '{}'; the"
        + " runtime role '{}' may read and append, as {} lists", applied, owner, runtimeRole,
        SchemaOwner.GRANTS_RESOURCE);
  }

  static AuditStorageException notOnPostgresql(SqlDialect dialect) {
    return new AuditStorageException("AUDIT-091 audit.schema.username is set, but the audit tables are on "
        + dialect + ", where the owner and the runtime role are not separated. Remove audit.schema.* (the engine's"
        + " user then migrates them), or keep the audit tables on PostgreSQL.");
  }

  static AuditStorageException runtimeRoleTooPowerful(String engineUser, String why, String owner) {
    return new AuditStorageException("AUDIT-092 the engine connects as '" + engineUser + "', which " + why
        + ", so it could change or drop the audit tables that '" + owner + "' owns. Connect the engine as a role of"
        + " its own (spring.datasource.username) that is neither a superuser nor a member of '" + owner + "'.");
  }

  static AuditStorageException tablesOwnedByOthers(String owner, Map<String, String> tableOwners) {
    return new AuditStorageException("AUDIT-093 the audit tables must belong to the schema owner '" + owner
        + "', but these belong to others: " + tableOwners + ". As their current owner, run ALTER TABLE <table>"
        + " OWNER TO " + owner + " for each, then start again.");
  }

  static AuditStorageException invalidRoleName(String role) {
    return new AuditStorageException("AUDIT-094 audit.schema.runtime-role must be the name of a role, without"
        + " double quotes, but was: '" + role + "'");
  }

  static AuditStorageException migrationFailed(String owner, String url, Exception cause) {
    return new AuditStorageException("AUDIT-095 the audit tables could not be migrated as their owner '" + owner
        + "' on " + url + ": " + cause.getMessage(), cause);
  }

  /** The engine's data source could be used before the owner migrated the audit tables. */
  public static AuditStorageException engineDataSourceNotSeen() {
    return new AuditStorageException("AUDIT-096 audit.schema.username is set, but the audit tables were not"
        + " migrated as their owner before the engine's data source was used: none is defined, or another bean"
        + " created it early. Define the engine's data source as a plain bean, or migrate with"
        + " org.auditrail.store.SchemaOwner before the engine starts.");
  }

  static AuditStorageException ownerIsRuntimeRole(String role) {
    return new AuditStorageException("AUDIT-097 audit.schema.username names the role the engine connects as, '"
        + role + "'; the owner must be another role, or the application could alter the audit tables."
        + " Remove audit.schema.* or connect the engine as a role of its own.");
  }

  static AuditStorageException otherSchema(String ownerSchema, String engineSchema) {
    return new AuditStorageException("AUDIT-098 the owner would migrate the audit tables in " + ownerSchema
        + ", but the engine works in " + engineSchema + ". Point audit.schema.url at the engine's database, or"
        + " remove it, and give both roles the same search_path.");
  }
}
