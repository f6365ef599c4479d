package org.auditrail.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The user id and password of a request's HTTP Basic {@code Authorization} header, as sent, unchecked. */
record BasicCredentials(String userId, String password) {

  static BasicCredentials of(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
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
    return colon <= 0 ? null : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** The user id the request claims, or {@code null} when it carries no Basic credentials. */
  static String userId(HttpServletRequest request) {
    BasicCredentials credentials = of(request);
    return credentials == null ? null : credentials.userId();
  }
}
