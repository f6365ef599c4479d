package org.auditrail.sample;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A server that lies, for the tests that show the browser notices: while {@link #TAMPER} is set, the case bundles it
 * serves have the human review's decision altered. Part of the one shared test context (a context of its own would
 * start a second process engine of the same name); inert unless a test sets it.
 */
@TestConfiguration(proxyBeanMethods = false)
class ServedBundleTampering {

  /** Whether the server alters the human review in the bundles it serves. */
  static final AtomicBoolean TAMPER = new AtomicBoolean();
  /** The id of the event it altered last. */
  static final AtomicReference<String> ALTERED_EVENT = new AtomicReference<>();

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> tamperingBundleFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
              FilterChain chain) throws ServletException, IOException {
            if (!TAMPER.get() || !request.getRequestURI().endsWith("/bundle")) {
              chain.doFilter(request, response);
              return;
            }
            ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, cached);
            byte[] body = cached.getContentAsByteArray();
            if (cached.getStatus() == 200) {
              body = alterHumanReview(body);
            }
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
          }
        });
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** The bundle with "approve" in its human_review event changed to "decline", the event's bytes otherwise kept. */
  static byte[] alterHumanReview(byte[] zip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        String text = new String(content, StandardCharsets.UTF_8);
        if (entry.getName().startsWith("events/") && text.contains("\"event_type\":\"human_review\"")
            && text.contains("\"approve\"")) {
          JsonNode event = SampleApi.JSON.readTree(content);
          ALTERED_EVENT.set(event.path("event_id").asText());
          content = text.replaceFirst("\"approve\"", "\"decline\"").getBytes(StandardCharsets.UTF_8);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
