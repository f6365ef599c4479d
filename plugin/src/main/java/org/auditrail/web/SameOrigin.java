package org.auditrail.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a state-changing request comes from a page of another site. A browser that has cached a user's HTTP
 * Basic credentials sends them with any request to this origin, also with a form posted from another site; so the
 * credentials alone do not show that the user meant the request. Browsers state where a request comes from in
 * {@code Origin} (on every cross-origin and every POST request) and {@code Sec-Fetch-Site}; a request without
 * either (curl, scripts) is not a browser's cross-site request and passes.
 */
final class SameOrigin {

  /** A header that shows a request came from another site, and why. */
  record CrossSite(String header, String detail) {}

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private SameOrigin() {}

  /** Whether the request's method may change state, and so must pass {@link #check}. */
  static boolean changesState(HttpServletRequest request) {
    return !SAFE_METHODS.contains(request.getMethod());
  }

  static Optional<CrossSite> check(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && site.equalsIgnoreCase("cross-site")) {
      return Optional.of(new CrossSite("Sec-Fetch-Site", "a state-changing request must not come from another"
          + " site, but Sec-Fetch-Site was: " + site));
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !isOwn(origin, request)) {
      return Optional.of(new CrossSite("Origin", "a state-changing request must come from this application's own"
          + " origin " + own(request) + ", but Origin was: " + origin));
    }
    return Optional.empty();
  }

  private static boolean isOwn(String origin, HttpServletRequest request) {
    try {
      URI uri = new URI(origin.trim());
      return uri.getScheme() != null && uri.getHost() != null
          && uri.getScheme().equalsIgnoreCase(request.getScheme())
          && uri.getHost().equalsIgnoreCase(request.getServerName())
          && port(uri.getScheme(), uri.getPort()) == port(request.getScheme(), request.getServerPort());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String own(HttpServletRequest request) {
    int port = request.getServerPort();
    boolean defaultPort = port == port(request.getScheme(), -1);
    return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
  }

  private static int port(String scheme, int port) {
    if (port >= 0) {
      return port;
    }
    return scheme.toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
  }
}
