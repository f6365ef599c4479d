package org.auditrail.narrative;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.auditrail.ai.AiConfigurationException;
import org.junit.jupiter.api.Test;

/** A vocabulary no answer could use, or no events to send, is a misconfiguration that stops the start. */
class CaseNarrativesTest {

  @Test
  void aRiskTagNoAnswerCouldCarryIsRefusedAtStart() {
    assertThatThrownBy(() -> new CaseNarratives(null, null, "m", List.of("pep", "high risk"), 10))
        .isInstanceOf(AiConfigurationException.class)
        .hasMessage("audit.narrative.risk-tags: 'high risk' is not a risk tag a model can propose; use at most 80"
            + " letters, digits, '.', '_', ':' or '-', such as sanctions-hit");
    assertThatThrownBy(() -> new CaseNarratives(null, null, "m", List.of("pep"), 0))
        .isInstanceOf(AiConfigurationException.class)
        .hasMessage("audit.narrative.max-events must be at least 1, but was: 0");
  }
}
