package org.auditrail.trail;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.auditrail.AuditLogger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/**
 * HTTP Basic authentication against Camunda's identity service for the audit API (and other APIs that guard
 * audit-relevant data the same way). Only members of the configured groups get through; the user is then the engine's authenticated user for the request. Every call by a
 * known user, let in or refused, is itself recorded in the audit log.
 */
public class AuditApiAuthenticationFilter extends HttpFilter {

  private static final String REALM = "Basic realm=\"audit\"";

  private final IdentityService identityService;
  private final Collection<String> readerGroups;
  private final AuditApiAccessRecorder accesses;

  public AuditApiAuthenticationFilter(IdentityService identityService, Collection<String> readerGroups,
      AuditApiAccessRecorder accesses) {
    this.identityService = identityService;
    this.readerGroups = List.copyOf(readerGroups);
    this.accesses = accesses;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String[] credentials = basicCredentials(request.getHeader("Authorization"));
    if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
      response.setHeader("WWW-Authenticate", REALM);
      reject(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated",
          "this API needs HTTP Basic credentials of a Camunda user");
      return;
    }
    String userId = credentials[0];
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    if (groups.stream().noneMatch(readerGroups::contains)) {
      AuditLogger.apiAccessDenied(userId, request.getRequestURI());
      reject(response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
          "user '" + userId + "' is not a member of any of the groups " + readerGroups + " allowed to use this API");
      accesses.record(userId, request, HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    identityService.setAuthentication(userId, groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
      accesses.record(userId, request, response.getStatus());
    }
  }

  private static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private static void reject(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(new ApiError(status, error, null, message).toJson());
  }
}
