package org.auditrail.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.auditrail.AuditLogger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The one gate in front of every {@link GuardedPath}: HTTP Basic against Camunda's identity service or, without
 * credentials, the user logged in to Camunda's webapps in the request's session (Cockpit's Audit trail tab calls the
 * API so), the path's group rule, and for state-changing methods a same-origin JSON request of bounded size, all
 * checked before the request reaches a controller. The user is then the engine's authenticated user for the
 * request, and every call by a known user, let in or refused, is recorded in the audit log, and wrong credentials
 * are a failed login ({@link AuthenticationFailures}). Refusals are problem details like {@link ApiErrors}' answers.
 */
public class ApiGuard extends HttpFilter {

  private static final String REALM = "Basic realm=\"audit\"";

  private final IdentityService identityService;
  private final List<GuardedPath> paths;
  private final ApiAccessRecorder accesses;
  private final long maxBodyBytes;
  private final AuthenticationFailures failures;

  public ApiGuard(IdentityService identityService, List<GuardedPath> paths, ApiAccessRecorder accesses,
      long maxBodyBytes, AuthenticationFailures failures) {
    this.identityService = identityService;
    this.failures = failures;
    this.paths = List.copyOf(paths);
    this.accesses = accesses;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // The container's decoded path without path parameters, as it matched this filter's URL patterns and as Spring
    // MVC maps controllers: the raw URI would let "/api/audit;x=1/events" pass as a path no rule covers.
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    Optional<GuardedPath> rule = paths.stream().filter(guarded -> guarded.covers(path)).findFirst();
    if (rule.isEmpty()) {
      // Registered only for guarded patterns: a request that reaches this filter and matches none is refused.
      refuse(request, response, null, HttpStatus.FORBIDDEN, "forbidden", null,
          "the path " + path + " is not one this guard knows");
      return;
    }
    String userId = authenticatedUser(request);
    boolean changesState = SameOrigin.changesState(request);
    // Before authentication is answered: a form posted from another site gets no login prompt, only a refusal.
    Optional<SameOrigin.CrossSite> crossSite = changesState ? SameOrigin.check(request) : Optional.empty();
    if (crossSite.isPresent()) {
      AuditLogger.crossSiteRequestRefused(userId, request.getMethod(), path, crossSite.get().detail());
      refuse(request, response, userId, HttpStatus.FORBIDDEN, "cross_site", crossSite.get().header(),
          crossSite.get().detail());
      return;
    }
    if (userId == null) {
      response.setHeader("WWW-Authenticate", REALM);
      refuse(request, response, null, HttpStatus.UNAUTHORIZED, "unauthenticated", null,
          "this API needs HTTP Basic credentials of a Camunda user or a session of Camunda's webapps");
      return;
    }
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    List<String> allowed = rule.get().groupsFor(request.getMethod());
    if (groups.stream().noneMatch(allowed::contains)) {
      AuditLogger.apiAccessDenied(userId, request.getRequestURI());
      refuse(request, response, userId, HttpStatus.FORBIDDEN, "forbidden", null,
          "user '" + userId + "' is not a member of any of the groups " + allowed + " allowed to use this API");
      return;
    }
    if (changesState && !isJson(request.getContentType())) {
      refuse(request, response, userId, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
          "Content-Type", "a state-changing request must be sent as application/json, but Content-Type was: "
              + request.getContentType());
      return;
    }
    if (request.getContentLengthLong() > maxBodyBytes) {
      refuse(request, response, userId, HttpStatus.PAYLOAD_TOO_LARGE, "body_too_large", Problems.BODY,
          BodyLimit.tooLargeMessage(maxBodyBytes) + ", but Content-Length was: " + request.getContentLengthLong());
      return;
    }
    identityService.setAuthentication(userId, groups);
    try {
      chain.doFilter(new BodyLimit(request, maxBodyBytes), response);
    } finally {
      identityService.clearAuthentication();
      accesses.record(userId, request, response.getStatus());
    }
  }

  /**
   * The user whose HTTP Basic credentials the request carries and Camunda accepts; without credentials, the user
   * logged in to the webapps in the request's session; else {@code null}. A session is sent by the browser with any
   * request, also one another site makes it send: so state-changing requests are let in only from this origin and
   * as JSON, which a form of another site cannot send, as for cached Basic credentials.
   */
  private String authenticatedUser(HttpServletRequest request) {
    BasicCredentials credentials = BasicCredentials.of(request);
    if (credentials == null) {
      return WebappSessionUser.of(request);
    }
    if (identityService.checkPassword(credentials.userId(), credentials.password())) {
      return credentials.userId();
    }
    if (failures != null) {
      failures.failed(credentials.userId(), request.getRemoteAddr(), request.getMethod(),
          request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
    }
    return null;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  /** Answers the refusal as a problem detail; a known user's refused call is recorded like any other. */
  private void refuse(HttpServletRequest request, HttpServletResponse response, String userId, HttpStatus status,
      String code, String parameter, String detail) throws IOException {
    Problems.write(response, Problems.of(status, code, parameter, detail, request));
    if (userId != null) {
      accesses.record(userId, request, status.value());
    }
  }
}
