package org.auditrail.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;

/**
 * The user logged in to Camunda's webapps in the request's session, for when the webapps' own authentication filter
 * runs inside the data access filter's chain and has cleared the engine's authenticated user by the time the answer
 * is there. Read by name, so that the plugin does not depend on the webapps.
 */
final class WebappSessionUser {

  /** Where Camunda's webapps keep their {@code Authentications} (see their {@code AuthenticationUtil}). */
  private static final String SESSION_KEY = "authenticatedUser";

  private WebappSessionUser() {
  }

  static String of(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object authentications = session == null ? null : session.getAttribute(SESSION_KEY);
    if (authentications == null) {
      return null;
    }
    try {
      Object list = authentications.getClass().getMethod("getAuthentications").invoke(authentications);
      return list instanceof List<?> users && !users.isEmpty() && users.get(0) instanceof Principal user
          ? user.getName() : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
