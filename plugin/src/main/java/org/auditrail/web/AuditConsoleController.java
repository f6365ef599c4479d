package org.auditrail.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The auditor console: the case search at {@code /audit}, a case's page at {@code /audit/cases/{processInstanceId}}
 * and the pages' scripts at {@code /audit/assets/}. The pages hold no case data: their scripts fetch it from the
 * auditor's API, so the console shows exactly what the API answers and the browser can check it. A strict content
 * security policy keeps anything a case holds (and anything a model wrote) from running as script in them.
 */
@Controller
@ProblemResponses
public class AuditConsoleController {

  /** Scripts and styles only; a name cannot leave the assets folder. */
  private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css)");
  /** What a case id looks like (a process instance id); the alerts API takes the same. */
  static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{0,63}");
  private static final String ASSETS = "auditrail/web/assets/";
  private static final Map<String, MediaType> TYPES = Map.of(
      "js", MediaType.parseMediaType("text/javascript;charset=UTF-8"),
      "css", MediaType.parseMediaType("text/css;charset=UTF-8"));
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

  private final TemplateEngine pages = WebPages.templates();
  private final String cockpitCaseUrl;
  private final IdentityService identityService;
  private final List<String> alertGroups;

  /**
   * @param cockpitCaseUrl where Cockpit shows a process instance, with {@code {id}} for its id
   * @param alertGroups the groups that may acknowledge alerts ({@code audit.alerts.groups}), to offer the action
   *     only to them; the alerts API decides
   */
  public AuditConsoleController(String cockpitCaseUrl, IdentityService identityService, List<String> alertGroups) {
    this.cockpitCaseUrl = cockpitCaseUrl;
    this.identityService = identityService;
    this.alertGroups = List.copyOf(alertGroups);
  }

  @GetMapping(path = "/audit", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> search() {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("mayAcknowledge", mayAcknowledge());
    return page("audit-console", context);
  }

  @GetMapping(path = "/audit/cases/{processInstanceId}", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> casePage(@PathVariable String processInstanceId) {
    if (!CASE_ID.matcher(processInstanceId).matches()) {
      throw ApiProblemException.invalidParameter("processInstanceId",
          "'processInstanceId' must be a process instance id (letters, digits, ':', '.', '_', '-'), but was: "
              + processInstanceId);
    }
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("caseId", processInstanceId);
    context.setVariable("cockpitUrl", cockpitCaseUrl.replace("{id}", processInstanceId));
    context.setVariable("mayAcknowledge", mayAcknowledge());
    return page("audit-case", context);
  }

  @GetMapping("/audit/assets/{name}")
  public ResponseEntity<byte[]> asset(@PathVariable String name) throws IOException {
    ClassPathResource resource = new ClassPathResource(ASSETS + name, getClass().getClassLoader());
    if (!ASSET.matcher(name).matches() || !resource.exists()) {
      throw ApiProblemException.notFound("unknown_asset", "name", "no console asset named '" + name + "'");
    }
    try (InputStream in = resource.getInputStream()) {
      return ResponseEntity.ok().contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
          .cacheControl(CacheControl.noCache())
          .header("X-Content-Type-Options", "nosniff")
          .body(in.readAllBytes());
    }
  }

  /** Whether the user the guard let in is a member of an alert group. */
  private boolean mayAcknowledge() {
    return GuardedUser.inAnyOf(identityService, alertGroups);
  }

  private ResponseEntity<String> page(String template, Context context) {
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .body(pages.process(template, context));
  }
}
