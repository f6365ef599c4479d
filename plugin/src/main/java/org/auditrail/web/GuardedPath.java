package org.auditrail.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths that the plugin's one {@link ApiGuard} protects: HTTP Basic against Camunda's identity service, open to
 * members of {@code groups}; state-changing calls only same-origin and as JSON; every call by a known user recorded
 * as an {@code audit_api_accessed} event. The plugin declares one for each of its APIs; an application declares a
 * bean of this type to guard its own endpoints the same way.
 *
 * @param patterns servlet URL patterns: a path such as {@code /api/demo/cases} or a prefix such as
 *     {@code /api/demo/*}
 * @param groups the Camunda groups whose members may call these paths
 * @param readerGroups further groups whose members may only read them: call them with GET or HEAD, no other
 *     method
 */
public record GuardedPath(List<String> patterns, List<String> groups, List<String> readerGroups) {

  public GuardedPath {
    patterns = List.copyOf(patterns);
    groups = List.copyOf(groups);
    readerGroups = List.copyOf(readerGroups);
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("a guarded path needs at least one URL pattern");
    }
    for (String pattern : patterns) {
      if (!pattern.startsWith("/") || pattern.indexOf('*') != pattern.lastIndexOf('*')
          || (pattern.contains("*") && !pattern.endsWith("/*"))) {
        throw new IllegalArgumentException("a guarded path is a path such as /api/x or a prefix such as /api/x/*,"
            + " but was: " + pattern);
      }
    }
  }

  public GuardedPath(List<String> patterns, List<String> groups) {
    this(patterns, groups, List.of());
  }

  public static GuardedPath of(List<String> groups, String... patterns) {
    return new GuardedPath(List.of(patterns), groups);
  }

  /** The same paths, readable also by members of {@code readers}. */
  public GuardedPath readableBy(List<String> readers) {
    return new GuardedPath(patterns, groups, readers);
  }

  /** The groups whose members may call these paths with this HTTP method: reader groups only GET and HEAD. */
  List<String> groupsFor(String method) {
    if (readerGroups.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
      return groups;
    }
    List<String> all = new ArrayList<>(groups);
    readerGroups.stream().filter(group -> !groups.contains(group)).forEach(all::add);
    return List.copyOf(all);
  }

  /** Whether the path within the application (without the context path) falls under one of the patterns. */
  boolean covers(String path) {
    for (String pattern : patterns) {
      if (pattern.endsWith("/*")) {
        String prefix = pattern.substring(0, pattern.length() - 2);
        if (path.equals(prefix) || path.startsWith(prefix + "/")) {
          return true;
        }
      } else if (path.equals(pattern)) {
        return true;
      }
    }
    return false;
  }
}
