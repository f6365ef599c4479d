package org.auditrail.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.auditrail.web.ApiProblemException;
import org.auditrail.web.ProblemResponses;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/demo/cases} with {@code {"process": "kycCheck", "count": 20, "seed": 7}} starts that many cases
 * with generated data, as the calling administrator, so a newcomer, the reports and the benchmarks have data in one
 * call. Each case starts in a transaction of its own; if one fails, the answer names it and the cases already
 * started. Errors are the plugin's problem details; the guard in front is the plugin's too (see
 * {@link DemoApiAccess}).
 */
@RestController
@ProblemResponses
class DemoCasesController {

  static final int MAX_COUNT = 500;

  private static final Logger LOG = LoggerFactory.getLogger(DemoCasesController.class);
  private static final String EXAMPLE = "{\"process\": \"kycCheck\", \"count\": 10}";

  private final RuntimeService runtimeService;
  private final ObjectMapper json;

  DemoCasesController(RuntimeService runtimeService, ObjectMapper json) {
    this.runtimeService = runtimeService;
    this.json = json;
  }

  @PostMapping("/api/demo/cases")
  ResponseEntity<JsonNode> start(@RequestBody(required = false) String body) {
    JsonNode request = parse(body);
    String process = process(request.get("process"));
    int count = count(request.get("count"));
    // Without a seed, one is drawn and answered, so any call can be repeated with the same data.
    long seed = seed(request.get("seed"));
    // Not drawn from the seed: a repeated call gets the same data under new business keys.
    String batch = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    List<DemoCases.DemoCase> cases = new DemoCases(new Random(seed), batch, Year.now().getValue()).of(process, count);

    List<String> ids = new ArrayList<>(count);
    for (DemoCases.DemoCase demoCase : cases) {
      try {
        ids.add(runtimeService.startProcessInstanceByKey(process, demoCase.businessKey(), demoCase.variables())
            .getId());
      } catch (RuntimeException e) {
        String message = "case " + (ids.size() + 1) + " of " + count + " (" + demoCase.businessKey()
            + ") did not start: " + e.getMessage() + "; the " + ids.size() + " cases started before it remain: " + ids;
        LOG.error(message, e);
        throw new ApiProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "case_not_started", null, message, e);
      }
    }
    ObjectNode started = json.createObjectNode().put("process", process).put("count", count).put("seed", seed);
    ids.forEach(started.putArray("process_instance_ids")::add);
    ArrayNode businessKeys = started.putArray("business_keys");
    cases.forEach(demoCase -> businessKeys.add(demoCase.businessKey()));
    return ResponseEntity.status(HttpStatus.CREATED).body(started);
  }

  private JsonNode parse(String body) {
    JsonNode request;
    try {
      request = body == null ? null : json.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiProblemException.invalidBody("the body is not valid JSON (" + e.getOriginalMessage() + "); send e.g. "
          + EXAMPLE);
    }
    if (request == null || !request.isObject()) {
      throw ApiProblemException.invalidBody("the body must be a JSON object such as " + EXAMPLE);
    }
    return request;
  }

  private static String process(JsonNode process) {
    if (process == null || !process.isTextual() || !DemoCases.PROCESSES.contains(process.asText())) {
      throw ApiProblemException.invalidParameter("process", "unknown process " + (process == null ? "(none given)" : process)
          + "; allowed: " + String.join(", ", DemoCases.PROCESSES));
    }
    return process.asText();
  }

  private static int count(JsonNode count) {
    if (count == null || count.isNull()) {
      throw ApiProblemException.invalidParameter("count", "'count' is required: how many cases to start, 1 to " + MAX_COUNT);
    }
    if (!count.canConvertToInt() || !count.isIntegralNumber()) {
      throw ApiProblemException.invalidParameter("count", "'count' must be a whole number, but was: " + count);
    }
    if (count.intValue() < 1 || count.intValue() > MAX_COUNT) {
      throw ApiProblemException.invalidParameter("count", "'count' must be between 1 and " + MAX_COUNT + ", but was: " + count);
    }
    return count.intValue();
  }

  private static long seed(JsonNode seed) {
    if (seed == null || seed.isNull()) {
      return ThreadLocalRandom.current().nextLong();
    }
    if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
      throw ApiProblemException.invalidParameter("seed", "'seed' must be a whole number, but was: " + seed);
    }
    return seed.longValue();
  }
}
