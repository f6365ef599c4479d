package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The privacy officers' API over real HTTP, on a KYC case whose customer number and name are tokenized: look the
 * person up by customer number, resolve, export, and erase once the case has ended; a reviewer is refused. Two
 * customers of the same name are two subjects.
 */
class PrivacyHttpTest extends RunningSampleApplication {

  @Test
  void anOfficerFindsExportsAndErasesACustomerAndOthersAreRefused() throws Exception {
    String caseId = api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"KYC-PRIVACY-1\",\"variables\":{\"customerNumber\":{\"value\":\"C-1001\"},"
            + "\"customerName\":{\"value\":\"Jana Novakova\"},"
            + "\"country\":{\"value\":\"DE\"},\"documentType\":{\"value\":\"passport\"}}}").json(200).path("id").asText();
    JsonNode started = SampleApi.only(SampleApi.events(api.get("/api/audit/traces/" + caseId, "alice", "alice")
        .json(200)), "process_started", null);
    String token = started.path("input").path("variables").path("customerName").path("value").asText();
    assertThat(token).startsWith("customerName_T");

    assertThat(api.send("POST", "/api/privacy/tokens/" + token + "/resolve", "mary", "mary", "").json(403)
        .path("detail").asText()).isEqualTo("user 'mary' is not a member of any of the groups [privacy,"
            + " camunda-admin] allowed to use this API");
    JsonNode subject = api.send("POST", "/api/privacy/subjects/lookup", "petra", "petra",
        "{\"value\":\"C-1001\"}").json(200);
    assertThat(subject.path("known").asBoolean()).isTrue();
    String subjectId = subject.path("subject_id").asText();
    assertThat(api.send("POST", "/api/privacy/tokens/" + token + "/resolve", "petra", "petra", "").json(200)
        .path("value").asText()).isEqualTo("Jana Novakova");
    JsonNode export = api.get("/api/privacy/subjects/" + subjectId + "/export", "petra", "petra").json(200);
    assertThat(export.path("identities").path(token).asText()).isEqualTo("Jana Novakova");
    assertThat(export.path("events").toString()).contains("Jana Novakova").contains(caseId);

    awaitEnd(caseId);
    JsonNode erased = api.send("POST", "/api/privacy/subjects/" + subjectId + "/erase", "petra", "petra", "")
        .json(200);
    assertThat(erased.path("subject_id").asText()).isEqualTo(subjectId);
    assertThat(api.send("POST", "/api/privacy/tokens/" + token + "/resolve", "petra", "petra", "").json(410)
        .path("detail").asText()).isEqualTo("data subject '" + subjectId + "' was erased; its personal data can no"
            + " longer be read");
    assertThat(api.send("POST", "/api/privacy/subjects/" + subjectId + "/erase", "petra", "petra", "").status())
        .isEqualTo(410);
    assertThat(api.send("POST", "/api/privacy/subjects/subject_0000000000000000/erase", "petra", "petra", "")
        .json(404).path("detail").asText())
        .isEqualTo("no data subject 'subject_0000000000000000' is known; nothing was erased or exported");
    assertThat(api.send("POST", "/api/privacy/subjects/lookup", "petra", "petra", "{}").json(400).path("detail")
        .asText()).isEqualTo("the body must be {\"value\": \"...\"} with the value that identifies the person");
  }

  @Test
  void twoCustomersOfTheSameNameAreTwoSubjectsAndErasingOneLeavesTheOthersValuesResolvable() throws Exception {
    String first = lowRiskCase("C-5001", "Karel Dvojak");
    String second = lowRiskCase("C-5002", "Karel Dvojak");
    String firstSubject = api.send("POST", "/api/privacy/subjects/lookup", "petra", "petra",
        "{\"value\":\"C-5001\"}").json(200).path("subject_id").asText();
    String secondSubject = api.send("POST", "/api/privacy/subjects/lookup", "petra", "petra",
        "{\"value\":\"C-5002\"}").json(200).path("subject_id").asText();
    assertThat(firstSubject).isNotEqualTo(secondSubject);
    String secondName = SampleApi.only(SampleApi.events(api.get("/api/audit/traces/" + second, "alice", "alice")
        .json(200)), "process_started", null).path("input").path("variables").path("customerName").path("value")
        .asText();
    awaitEnd(first);
    awaitEnd(second);

    api.send("POST", "/api/privacy/subjects/" + firstSubject + "/erase", "petra", "petra", "").json(200);

    assertThat(api.send("POST", "/api/privacy/tokens/" + secondName + "/resolve", "petra", "petra", "").json(200)
        .path("value").asText()).isEqualTo("Karel Dvojak");
    assertThat(api.send("POST", "/api/privacy/subjects/lookup", "petra", "petra", "{\"value\":\"C-5002\"}")
        .json(200).path("erased").asBoolean()).isFalse();
  }

  private String lowRiskCase(String customerNumber, String name) throws Exception {
    return api.send("POST", "/engine-rest/process-definition/key/kycCheck/start", "demo", "demo",
        "{\"businessKey\":\"KYC-" + customerNumber + "\",\"variables\":{\"customerNumber\":{\"value\":\""
            + customerNumber + "\"},\"customerName\":{\"value\":\"" + name + "\"},\"country\":{\"value\":\"DE\"},"
            + "\"documentType\":{\"value\":\"passport\"}}}").json(200).path("id").asText();
  }

  /** A low-risk case runs to its end on the job executor: the AI rating, then the account opened. */
  private void awaitEnd(String caseId) throws Exception {
    for (int attempt = 0; attempt < 100 && api.get("/engine-rest/process-instance/" + caseId, "demo", "demo")
        .status() == 200; attempt++) {
      Thread.sleep(200);
    }
  }
}
