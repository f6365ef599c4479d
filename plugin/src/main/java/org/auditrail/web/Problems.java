package org.auditrail.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.auditrail.event.EventJson;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one shape of every error the plugin's endpoints answer (RFC 9457 {@code application/problem+json}):
 * {@code type} ({@value #TYPE_BASE}{@code <code>}), {@code title}, {@code status}, {@code detail},
 * {@code instance} (the request path), {@code code} and, when one is at fault, {@code parameter}. Rendered here
 * rather than by the application's {@code ObjectMapper}, so the filter's answers and the controllers' are the same
 * byte for byte whatever the application configures.
 */
public final class Problems {

  /** Where the problem types live: {@code type} is this followed by the {@code code}. */
  public static final String TYPE_BASE = "https://auditrail.org/problems/";

  /** The {@code parameter} named when the request body as a whole is at fault. */
  public static final String BODY = "body";

  private Problems() {}

  public static ProblemDetail of(HttpStatusCode status, String code, String parameter, String detail,
      HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + code));
    problem.setTitle(title(code));
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("code", code);
    if (parameter != null) {
      problem.setProperty("parameter", parameter);
    }
    return problem;
  }

  public static ResponseEntity<String> response(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(json(problem));
  }

  /** Writes the problem as the whole answer, for filters that answer before any controller runs. */
  static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    // Bytes, not the writer: JSON is UTF-8 by definition, and the media type stays exactly the controllers' one.
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json(problem).getBytes(StandardCharsets.UTF_8));
  }

  public static String json(ProblemDetail problem) {
    ObjectNode body = EventJson.mapper().createObjectNode()
        .put("type", problem.getType().toString())
        .put("title", problem.getTitle())
        .put("status", problem.getStatus())
        .put("detail", problem.getDetail())
        .put("instance", problem.getInstance().toString());
    if (problem.getProperties() != null) {
      // A list of problems stays JSON (a worker's report names each field at fault); the rest are strings.
      problem.getProperties().forEach((name, value) -> {
        if (value instanceof JsonNode node) {
          body.set(name, node);
        } else {
          body.put(name, String.valueOf(value));
        }
      });
    }
    return body.toString();
  }

  /** {@code invalid_parameter} becomes {@code Invalid parameter}: one title per code, readable and stable. */
  static String title(String code) {
    String words = code.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
