package org.auditrail.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.auditrail.AuditLogger;
import org.springframework.http.HttpStatus;

/**
 * The cross-site rule of {@link ApiGuard} alone, for endpoints that authenticate by other means, such as Camunda's
 * engine REST API behind its own Basic filter: a state-changing request from a page of another site is refused
 * with 403 before anything runs. Camunda's engine REST accepts {@code multipart/form-data} for deployments, which
 * a plain HTML form on any site can send with a browser's cached credentials.
 */
public class CrossSiteGuard extends HttpFilter {

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<SameOrigin.CrossSite> crossSite = SameOrigin.changesState(request)
        ? SameOrigin.check(request) : Optional.empty();
    if (crossSite.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    AuditLogger.crossSiteRequestRefused(null, request.getMethod(), request.getRequestURI(),
        crossSite.get().detail());
    Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "cross_site", crossSite.get().header(),
        crossSite.get().detail(), request));
  }
}
