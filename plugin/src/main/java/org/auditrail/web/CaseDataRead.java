package org.auditrail.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request to Camunda's engine REST API that reads case data (history, variable instances, a process instance's,
 * task's or execution's variables), and the process instances it concerned as far as the path and query name them.
 * A task's or execution's variables, and queries that select by anything but a process instance id (a definition,
 * a business key, a POSTed JSON query), are not attributed: the engine would have to be asked, per request.
 *
 * @param resource the path within the engine API, without an {@code /engine/{name}} prefix
 * @param processInstanceIds the process instances named in the path or query
 * @param attribution where they were found: {@code path}, {@code query} or {@code none}
 */
record CaseDataRead(String resource, List<String> processInstanceIds, String attribution) {

  private static final Pattern ENGINE = Pattern.compile("^/engine/[^/]+(/.*)$");
  private static final Pattern READS = Pattern.compile("^/(history/.+|variable-instance(/.*)?"
      + "|process-instance/[^/]+/variables(/.*)?|task/[^/]+/(variables|localVariables|form-variables)(/.*)?"
      + "|execution/[^/]+/localVariables(/.*)?)$");
  /** POST is a read only for the query resources that take their criteria as a JSON body. */
  private static final Pattern POSTED_QUERIES = Pattern.compile("^/(history/[a-z-]+(/count)?|variable-instance(/count)?)$");
  private static final Pattern CASE_IN_PATH = Pattern.compile("^/(?:history/)?process-instance/([^/]+)");
  private static final Set<String> CASE_PARAMETERS = Set.of("processInstanceId", "processInstanceIds",
      "processInstanceIdIn", "rootProcessInstanceId", "superProcessInstanceId");
  /** Commands under /history that a POST would run rather than query. */
  private static final Set<String> HISTORY_COMMANDS = Set.of("/history/cleanup");

  static Optional<CaseDataRead> of(String method, String path, String query) {
    Matcher engine = ENGINE.matcher(path);
    String resource = engine.matches() ? engine.group(1) : path;
    boolean read = switch (method) {
      case "GET", "HEAD" -> READS.matcher(resource).matches();
      case "POST" -> POSTED_QUERIES.matcher(resource).matches() && !HISTORY_COMMANDS.contains(resource);
      default -> false;
    };
    if (!read) {
      return Optional.empty();
    }
    Matcher inPath = CASE_IN_PATH.matcher(resource);
    if (inPath.find() && !inPath.group(1).equals("count") && !inPath.group(1).equals("report")) {
      return Optional.of(new CaseDataRead(resource, List.of(inPath.group(1)), "path"));
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String[] parameter : parameters(query)) {
      if (CASE_PARAMETERS.contains(parameter[0])) {
        for (String id : parameter[1].split(",")) {
          if (!id.isBlank()) {
            ids.add(id.trim());
          }
        }
      }
    }
    return Optional.of(new CaseDataRead(resource, List.copyOf(ids), ids.isEmpty() ? "none" : "query"));
  }

  /** The query's name-value pairs, decoded. */
  static List<String[]> parameters(String query) {
    List<String[]> pairs = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return pairs;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        pairs.add(new String[] {URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8)});
      } catch (IllegalArgumentException e) {
        pairs.add(new String[] {name, value});
      }
    }
    return pairs;
  }
}
