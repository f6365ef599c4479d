package org.auditrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.auditrail.store.ContentBlob;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retention tiers on a real PostgreSQL server, where content can only be deleted together with the record of its
 * expiry under a retention policy, once a committed payload_expired event names it.
 */
class PostgresRetentionTest extends RetentionContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresServer.useNewDatabase(registry);
  }

  @Test
  void contentCannotBeDeletedOutsideARetentionSweep() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("delete from audit_content"))
          .hasMessageContaining("audit table audit_content is append-only: DELETE is not allowed");
      assertThatThrownBy(() -> statement.execute("delete from audit_content_expiry"))
          .hasMessageContaining("is append-only");
    }
  }

  @Test
  void contentWithAnExpiryRecordButNoPayloadExpiredEventCannotBeDeleted() throws Exception {
    ContentBlob blob = storeBlob("a prompt whose expiry was only recorded");
    recordExpiry(blob);

    assertThatThrownBy(() -> deleteContent(blob)).isInstanceOfSatisfying(PSQLException.class,
        e -> assertThat(e.getServerErrorMessage().getMessage()).isEqualTo("audit table audit_content is"
            + " append-only: the content " + blob.sha256() + " may be deleted only once a payload_expired event"
            + " naming it is committed"));
    assertThat(count("select count(*) from audit_content where sha256 = '" + blob.sha256() + "'")).isOne();
  }

  @Test
  void contentWithAnExpiryRecordAndACommittedPayloadExpiredEventCanBeDeleted() throws Exception {
    ContentBlob blob = storeBlob("a prompt whose retention ended");
    ObjectNode output = EventJson.mapper().createObjectNode().put("count", 1);
    output.putArray("blobs").addObject().put("sha256", blob.sha256()).put("policy", "model_call 30 days");
    store.events().appendDetached(List.of(new AuditEvent(EventIds.next(), "retention-test", null, Instant.now(),
        Actor.system("retention-sweeper", null), EventType.PAYLOAD_EXPIRED, EventContext.builder().build(), null,
        null, output, null, Outcome.SUCCESS, null)), List.of());
    recordExpiry(blob);

    assertThat(deleteContent(blob)).isOne();
  }

  private ContentBlob storeBlob(String text) throws SQLException {
    ContentBlob blob = ContentBlob.utf8(text + " " + EventIds.next(), "text/plain");
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
        "insert into audit_content (sha256, size_bytes, media_type, content, created_at) values (?, ?, ?, ?, ?)")) {
      insert.setString(1, blob.sha256());
      insert.setLong(2, blob.size());
      insert.setString(3, blob.mediaType());
      insert.setBytes(4, blob.content());
      insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
    }
    return blob;
  }

  private void recordExpiry(ContentBlob blob) throws SQLException {
    try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
        "insert into audit_content_expiry (sha256, event_type, policy, expired_at) values (?, ?, ?, ?)")) {
      insert.setString(1, blob.sha256());
      insert.setString(2, "model_call");
      insert.setString(3, "model_call 30 days");
      insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  private int deleteContent(ContentBlob blob) throws SQLException {
    try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(
        "delete from audit_content where sha256 = ?")) {
      delete.setString(1, blob.sha256());
      return delete.executeUpdate();
    }
  }
}
