package org.auditrail.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.auditrail.AuditLogger;
import org.auditrail.capture.PersonalData;
import org.auditrail.event.Actor;
import org.auditrail.event.AuditEvent;
import org.auditrail.event.EventContext;
import org.auditrail.event.EventError;
import org.auditrail.event.EventIds;
import org.auditrail.event.EventJson;
import org.auditrail.event.EventType;
import org.auditrail.event.Outcome;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every read of case data through Camunda's engine REST API (and the webapps' calls to it) by an
 * authenticated user as one {@code data_accessed} event: who, method, path, query with personal values redacted,
 * status, and the process instances it concerned (see {@link CaseDataRead}). Registered inside the engine API's
 * authentication filter, it finds the user as the engine's authenticated user of the request, or else as the
 * webapps' session user ({@link WebappSessionUser}).
 *
 * <p>Fail closed: the answer is held back until its event is committed ({@link DataAccessRecorder}); a read that
 * finds the queue full does not run, and one whose event cannot be written is answered 503 {@code not_recorded}
 * instead of with the data.
 */
public class DataAccessFilter extends HttpFilter {

  /** Query parameters whose values are variable filters ({@code name_op_value,...}). */
  private static final Set<String> VARIABLE_FILTERS = Set.of("variables", "processVariables", "taskVariables",
      "caseInstanceVariables", "variableValues");
  static final String REDACTED = "[personal]";

  private final IdentityService identityService;
  private final List<String> apiPaths;
  private final DataAccessRecorder recorder;
  private final PersonalData personalData;

  public DataAccessFilter(IdentityService identityService, List<String> apiPaths, DataAccessRecorder recorder,
      PersonalData personalData) {
    this.identityService = identityService;
    this.apiPaths = List.copyOf(apiPaths);
    this.recorder = recorder;
    this.personalData = personalData;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Optional<CaseDataRead> read = apiPaths.stream().filter(root -> path.startsWith(root + "/")).findFirst()
        .flatMap(root -> CaseDataRead.of(request.getMethod(), path.substring(root.length()),
            request.getQueryString()));
    if (read.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Authentication user = identityService.getCurrentAuthentication();
    if (!recorder.reserve()) {
      AuditLogger.dataAccessQueueFull(user == null ? null : user.getUserId(), path, recorder.capacity());
      notRecorded(request, response);
      return;
    }
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    boolean reserved = true;
    try {
      chain.doFilter(request, held);
      // The webapps may authenticate inside this filter's chain; then their session names the user.
      user = user != null ? user : identityService.getCurrentAuthentication();
      String userId = user != null ? user.getUserId() : WebappSessionUser.of(request);
      if (userId != null) {
        reserved = false;
        recorder.record(event(userId, request, path, read.get(), held.getStatus()));
      }
    } catch (RuntimeException e) {
      AuditLogger.dataAccessNotRecorded(user == null ? null : user.getUserId(), path, e);
      held.resetBuffer();
      notRecorded(request, response);
      return;
    } finally {
      if (reserved) {
        recorder.release();
      }
    }
    held.copyBodyToResponse();
  }

  private AuditEvent event(String userId, HttpServletRequest request, String path, CaseDataRead read,
      int status) {
    String eventId = EventIds.next();
    ObjectNode input = EventJson.mapper().createObjectNode()
        .put("method", request.getMethod())
        .put("path", path)
        .put("query", redacted(request.getQueryString(), read.processInstanceIds()))
        .put("resource", read.resource())
        .put("attribution", read.attribution());
    ArrayNode cases = input.putArray("process_instance_ids");
    read.processInstanceIds().forEach(cases::add);
    boolean refused = status >= 400;
    EventContext context = read.processInstanceIds().size() == 1
        ? EventContext.builder().processInstanceId(read.processInstanceIds().get(0)).build()
        : EventContext.builder().build();
    return new AuditEvent(eventId, eventId, null, Instant.now(), Actor.user(userId, null), EventType.DATA_ACCESSED,
        context, null, input, EventJson.mapper().createObjectNode().put("status", status), null,
        refused ? Outcome.ERROR : Outcome.SUCCESS, refused ? new EventError("http_" + status, null) : null);
  }

  /**
   * The query with the values of personal variables in variable filters replaced, and the known personal values
   * of the cases it names tokenized.
   */
  String redacted(String query, List<String> processInstanceIds) {
    if (query == null) {
      return null;
    }
    StringJoiner joined = new StringJoiner("&");
    for (String[] parameter : CaseDataRead.parameters(query)) {
      String value = VARIABLE_FILTERS.contains(parameter[0]) ? withoutPersonalValues(parameter[1]) : parameter[1];
      joined.add(parameter[0] + "=" + value);
    }
    String text = joined.toString();
    for (String processInstanceId : processInstanceIds) {
      text = personalData.redact(processInstanceId, text);
    }
    return text;
  }

  private String withoutPersonalValues(String filters) {
    StringJoiner kept = new StringJoiner(",");
    for (String filter : filters.split(",")) {
      int operator = filter.indexOf('_');
      int value = operator < 0 ? -1 : filter.indexOf('_', operator + 1);
      kept.add(value > 0 && personalData.isPersonal(null, filter.substring(0, operator))
          ? filter.substring(0, value + 1) + REDACTED : filter);
    }
    return kept.toString();
  }

  private static void notRecorded(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!response.isCommitted()) {
      response.reset();
    }
    Problems.write(response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "not_recorded", null,
        "the data was not returned, because the record of its reading could not be written; the server log has"
            + " the cause", request));
  }
}
