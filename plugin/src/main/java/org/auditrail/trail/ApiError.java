package org.auditrail.trail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.auditrail.event.EventJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The JSON body of every error the audit API returns.
 *
 * @param status the HTTP status
 * @param error a stable, machine-readable code such as {@code invalid_parameter}
 * @param parameter the request parameter at fault, or {@code null}
 * @param message what is wrong, quoting the bad value
 */
public record ApiError(int status, String error, String parameter, String message) {

  /** An HTTP response carrying this error. */
  public static ResponseEntity<String> response(HttpStatus status, String error, String parameter,
      String message) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(status.value(), error, parameter, message).toJson());
  }

  public String toJson() {
    ObjectNode body = EventJson.mapper().createObjectNode().put("status", status).put("error", error);
    if (parameter != null) {
      body.put("parameter", parameter);
    }
    return body.put("message", message).toString();
  }
}
