package org.auditrail.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.auditrail.store.SealedLog.SealedEvent;
import org.junit.jupiter.api.Test;

class OtlpLogRecordsTest {

  private static final String MODEL_CALL = "{\"actor\":{\"id\":\"kyc:assess\",\"run_id\":\"r-1\",\"type\":\"agent\"},"
      + "\"event_id\":\"0192a0b0-0000-7000-8000-000000000001\",\"event_type\":\"model_call\",\"metadata\":{"
      + "\"auditrail.latency_ms\":812,\"gen_ai.operation.name\":\"chat\",\"gen_ai.request.model\":\"gpt-4o-mini\","
      + "\"gen_ai.request.temperature\":0.2,\"gen_ai.response.finish_reasons\":[\"stop\"],"
      + "\"gen_ai.usage.input_tokens\":120},\"outcome\":\"success\",\"timestamp\":\"2026-01-12T09:30:00.123Z\","
      + "\"trace_id\":\"pi-1\"}";

  @Test
  void aModelCallBecomesOneLogRecordWithItsIndexIdsAndGenAiMetadataAsAttributes() throws Exception {
    String request = new ObjectMapper().writeValueAsString(new OtlpLogRecords("auditrail").request(
        List.of(SealedEventFields.of(new SealedEvent(41, "0192a0b0-0000-7000-8000-000000000001", MODEL_CALL))),
        1_768_210_201_000_000_000L));

    assertThat(request).isEqualTo("{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
        + "\"value\":{\"stringValue\":\"auditrail\"}}]},\"scopeLogs\":[{\"scope\":{\"name\":\"org.auditrail\"},"
        + "\"logRecords\":[{\"timeUnixNano\":\"1768210200123000000\",\"observedTimeUnixNano\":\"1768210201000000000\","
        + "\"severityNumber\":9,\"severityText\":\"INFO\",\"body\":{\"stringValue\":"
        + new ObjectMapper().writeValueAsString(MODEL_CALL) + "},\"attributes\":["
        + "{\"key\":\"audit.log.index\",\"value\":{\"intValue\":\"41\"}},"
        + "{\"key\":\"audit.event.id\",\"value\":{\"stringValue\":\"0192a0b0-0000-7000-8000-000000000001\"}},"
        + "{\"key\":\"audit.event.type\",\"value\":{\"stringValue\":\"model_call\"}},"
        + "{\"key\":\"audit.trace.id\",\"value\":{\"stringValue\":\"pi-1\"}},"
        + "{\"key\":\"audit.actor.type\",\"value\":{\"stringValue\":\"agent\"}},"
        + "{\"key\":\"audit.actor.id\",\"value\":{\"stringValue\":\"kyc:assess\"}},"
        + "{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},"
        + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o-mini\"}},"
        + "{\"key\":\"gen_ai.request.temperature\",\"value\":{\"doubleValue\":0.2}},"
        + "{\"key\":\"gen_ai.response.finish_reasons\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"stop\"}]}}},"
        + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"120\"}}]}]}]}]}");
  }
}
