package org.auditrail.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.auditrail.capture.PersonalData;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.auditrail.event.EventJson;
import org.auditrail.store.CaseCriteria;
import org.auditrail.store.CaseSummary;
import org.auditrail.trail.AuditTrail;
import org.auditrail.trail.EventFilter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's HTTP API under {@code /api/audit}. Events are returned verbatim, as the canonical JSON that was
 * stored; errors are problem details ({@link Problems}). Stored content is served as a download that a browser
 * never renders: it may be anything a process handled, such as a deployed HTML form with a script.
 */
@RestController
@ProblemResponses
@RequestMapping("/api/audit")
public class AuditTrailController {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final AuditTrail trail;
  private final int maxPageSize;
  private final PersonalData personalData;

  public AuditTrailController(AuditTrail trail, int maxPageSize) {
    this(trail, maxPageSize, PersonalData.NONE);
  }

  /** @param personalData how events carry business keys, so that a case is found by its clear key */
  public AuditTrailController(AuditTrail trail, int maxPageSize, PersonalData personalData) {
    this.trail = trail;
    this.maxPageSize = maxPageSize;
    this.personalData = personalData;
  }

  @GetMapping(path = "/traces/{processInstanceId}", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> trace(@PathVariable String processInstanceId) {
    return trail.trace(processInstanceId)
        .map(trace -> json("{\"trace_id\":" + quote(trace.traceId())
            + ",\"process_instance_id\":" + quote(trace.processInstanceId())
            + ",\"event_count\":" + trace.events().size()
            + ",\"events\":" + array(trace.events()) + "}"))
        .orElseThrow(() -> unknownCase(processInstanceId));
  }

  static ApiProblemException unknownCase(String processInstanceId) {
    return ApiProblemException.notFound("unknown_case", "processInstanceId",
        "no audit events for process instance '" + processInstanceId + "'");
  }

  @GetMapping(path = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> events(HttpServletRequest request) {
    EventFilter filter = EventQuery.parse(request.getParameterMap(), maxPageSize);
    if (filter.businessKey() != null) {
      filter = filter.withBusinessKey(personalData.businessKeyIndex(filter.businessKey()));
    }
    AuditTrail.EventPage page = trail.events(filter);
    return json("{\"page\":" + page.page() + ",\"size\":" + page.size() + ",\"total\":" + page.total()
        + ",\"events\":" + array(page.events()) + "}");
  }

  /**
   * The cases that match a search, one row per case; a business key is given in clear and found as the events
   * carry it (the vault's index of a personal key), and answered as the events carry it.
   */
  @GetMapping(path = "/cases", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> cases(HttpServletRequest request) {
    CaseQuery.Parsed query = CaseQuery.parse(request.getParameterMap(), maxPageSize);
    CaseCriteria criteria = query.criteria();
    if (criteria.businessKey() != null) {
      criteria = new CaseCriteria(personalData.businessKeyIndex(criteria.businessKey()),
          criteria.processDefinitionKey(), criteria.from(), criteria.to(), criteria.eventType(), criteria.actorId(),
          criteria.modelId(), criteria.promptVersion());
    }
    AuditTrail.CasePage page = trail.cases(criteria, query.page(), query.size());
    ObjectNode body = EventJson.mapper().createObjectNode();
    body.put("page", page.page()).put("size", page.size()).put("total", page.total());
    ArrayNode cases = body.putArray("cases");
    for (CaseSummary found : page.cases()) {
      cases.addObject()
          .put("process_instance_id", found.processInstanceId())
          .put("process_definition_key", found.processDefinitionKey())
          .put("business_key", found.businessKey())
          .put("first_event_time", found.firstEventTime().toString())
          .put("last_event_time", found.lastEventTime().toString())
          .put("event_count", found.eventCount())
          .put("ai_calls", found.aiCalls())
          .put("reviews", found.reviews());
    }
    return json(body.toString());
  }

  @GetMapping("/blobs/{sha256}")
  public ResponseEntity<byte[]> content(@PathVariable String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw ApiProblemException.invalidParameter("sha256",
          "'sha256' must be 64 lower-case hex digits, but was: " + sha256);
    }
    return trail.content(sha256)
        .map(blob -> ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_OCTET_STREAM)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(sha256).build()
                .toString())
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "sandbox")
            // The stored media type, for the auditor's tools; never the Content-Type, so nothing renders it.
            .header("X-Content-Media-Type", blob.mediaType())
            .header("Digest", "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(blob.sha256())))
            .body(blob.content()))
        .orElseThrow(() -> ApiProblemException.notFound("unknown_content", "sha256",
            "no content stored under sha256 '" + sha256 + "'"));
  }

  private static ResponseEntity<String> json(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static String array(List<String> storedEvents) {
    return "[" + String.join(",", storedEvents) + "]";
  }

  private static String quote(String value) {
    try {
      return EventJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string is always valid JSON", e);
    }
  }
}
