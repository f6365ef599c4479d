package org.auditrail.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Registered outside the engine REST API's authentication filter and in front of the webapps' login: a request it
 * answers 401 although it carried a user id (HTTP Basic, or the login form's {@code username}) is a failed login,
 * recorded by {@link AuthenticationFailures}. A request without any credentials is no attempt and is not recorded.
 */
public class AuthenticationFailureFilter extends HttpFilter {

  /** The login form is a few dozen bytes; nothing beyond this is kept to find the user id in it. */
  private static final int LOGIN_FORM_LIMIT = 4096;

  private final AuthenticationFailures failures;
  private final String webappLoginPath;

  public AuthenticationFailureFilter(AuthenticationFailures failures, String webappLoginPath) {
    this.failures = failures;
    this.webappLoginPath = webappLoginPath;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    boolean login = path.startsWith(webappLoginPath + "/") && path.contains("/login/");
    HttpServletRequest seen = login ? new ContentCachingRequestWrapper(request, LOGIN_FORM_LIMIT) : request;
    chain.doFilter(seen, response);
    if (response.getStatus() != HttpServletResponse.SC_UNAUTHORIZED) {
      return;
    }
    String userId = login ? formField(((ContentCachingRequestWrapper) seen).getContentAsByteArray(), "username")
        : BasicCredentials.userId(request);
    if (userId != null) {
      failures.failed(userId, request.getRemoteAddr(), request.getMethod(), path);
    }
  }

  private static String formField(byte[] form, String name) {
    for (String[] field : CaseDataRead.parameters(new String(form, StandardCharsets.UTF_8))) {
      if (field[0].equals(name)) {
        return field[1];
      }
    }
    return null;
  }
}
