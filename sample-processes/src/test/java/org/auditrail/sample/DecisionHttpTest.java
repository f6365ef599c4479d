package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A decision evaluated over the engine's REST API, outside any process, is a trace of its own, named by its
 * decision instance, attributed to the user who called, and an auditor reads it back like a case.
 */
class DecisionHttpTest extends RunningSampleApplication {

  private static final String DMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="lateFees" name="Late fees"
                   xmlns:camunda="http://camunda.org/schema/1.0/dmn" namespace="http://auditrail.org/sample/dmn">
        <decision id="lateFee" name="Late fee" camunda:historyTimeToLive="P30D">
          <decisionTable id="lateFeeTable" hitPolicy="UNIQUE">
            <input id="daysLate" label="Days late">
              <inputExpression id="daysLateExpression" typeRef="integer"><text>daysLate</text></inputExpression>
            </input>
            <output id="fee" label="Fee" name="fee" typeRef="integer"/>
            <rule id="onTime"><inputEntry id="onTimeDays"><text>&lt;= 0</text></inputEntry>
              <outputEntry id="onTimeFee"><text>0</text></outputEntry></rule>
            <rule id="late"><inputEntry id="lateDays"><text>&gt; 0</text></inputEntry>
              <outputEntry id="lateFeeValue"><text>15</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  @Autowired RepositoryService repositoryService;
  @Autowired HistoryService historyService;

  @Test
  void aDecisionEvaluatedOverRestIsATraceOfItsOwnAttributedToTheCaller() throws Exception {
    repositoryService.createDeployment().name("late fees").addString("late-fees.dmn", DMN).deploy();

    SampleApi.Reply evaluated = api.send("POST", "/engine-rest/decision-definition/key/lateFee/evaluate", "demo",
        "demo", "{\"variables\":{\"daysLate\":{\"value\":3,\"type\":\"Integer\"}}}");
    assertThat(evaluated.status()).as(new String(evaluated.body(), StandardCharsets.UTF_8)).isEqualTo(200);

    String decisionInstanceId = historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey("lateFee")
        .singleResult().getId();
    JsonNode trace = api.get("/api/audit/traces/" + decisionInstanceId, "alice", "alice").json(200);
    assertThat(trace.path("events")).hasSize(1);
    JsonNode decision = trace.path("events").get(0);
    assertThat(decision.path("event_type").asText()).isEqualTo("decision_evaluated");
    assertThat(decision.path("trace_id").asText()).isEqualTo(decisionInstanceId);
    assertThat(decision.path("actor").path("type").asText()).isEqualTo("user");
    assertThat(decision.path("actor").path("id").asText()).isEqualTo("demo");
    assertThat(decision.path("input").path("inputs").get(0).path("value").toString())
        .isEqualTo("{\"type\":\"integer\",\"value\":3}");
    assertThat(decision.path("output").path("matched_rules").toString())
        .isEqualTo("[{\"rule_id\":\"late\",\"rule_order\":1}]");
    assertThat(decision.path("output").path("outputs").get(0).path("value").toString())
        .isEqualTo("{\"type\":\"integer\",\"value\":15}");
  }
}
