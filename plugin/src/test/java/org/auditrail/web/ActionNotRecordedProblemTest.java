package org.auditrail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.auditrail.capture.ActionNotRecordedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/** A disclosure or destruction refused because its event could not be written answers 503, without internals. */
class ActionNotRecordedProblemTest {

  @Test
  void anActionWhoseEventCouldNotBeWrittenAnswers503NotRecorded() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/privacy/tokens/customerName_T1/resolve");

    ResponseEntity<String> answer = new ApiErrors().notRecorded(new ActionNotRecordedException("identity_resolved",
        "evt-1", new SQLException("row refused")), request);

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getBody()).isEqualTo("{\"type\":\"https://auditrail.org/problems/not_recorded\",\"title\":"
        + "\"Not recorded\",\"status\":503,\"detail\":\"the request was not carried out, because its audit event"
        + " could not be written; the server log has the cause\",\"instance\":"
        + "\"/api/privacy/tokens/customerName_T1/resolve\",\"code\":\"not_recorded\"}");
  }
}
