package org.auditrail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaseDataReadTest {

  @Test
  void aHistoryQueryIsAReadAttributedToTheCasesItsQueryNames() {
    assertThat(CaseDataRead.of("GET", "/history/variable-instance", "processInstanceIdIn=a,b&deserializeValues=false"))
        .contains(new CaseDataRead("/history/variable-instance", List.of("a", "b"), "query"));
  }

  @Test
  void aCasesVariablesAreAReadAttributedByThePathAlsoUnderANamedEngine() {
    assertThat(CaseDataRead.of("GET", "/engine/default/process-instance/p1/variables/x", null))
        .contains(new CaseDataRead("/process-instance/p1/variables/x", List.of("p1"), "path"));
    assertThat(CaseDataRead.of("GET", "/history/process-instance/p2", null))
        .contains(new CaseDataRead("/history/process-instance/p2", List.of("p2"), "path"));
  }

  @Test
  void aTasksVariablesAreAReadThatIsNotAttributed() {
    assertThat(CaseDataRead.of("GET", "/task/t1/form-variables", null))
        .contains(new CaseDataRead("/task/t1/form-variables", List.of(), "none"));
  }

  @Test
  void postedQueriesAreReadsButHistoryCommandsAndOtherResourcesAreNot() {
    assertThat(CaseDataRead.of("POST", "/history/process-instance/count", null)).isPresent();
    assertThat(CaseDataRead.of("POST", "/history/cleanup", null)).isEmpty();
    assertThat(CaseDataRead.of("POST", "/history/process-instance/delete", null)).isEmpty();
    assertThat(CaseDataRead.of("PUT", "/process-instance/p1/variables/x", null)).isEmpty();
    assertThat(CaseDataRead.of("GET", "/task", "processInstanceId=p1")).isEmpty();
    assertThat(CaseDataRead.of("GET", "/process-definition", null)).isEmpty();
  }
}
