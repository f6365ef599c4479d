package org.auditrail.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionVariablesTest {

  private final ConditionVariables variables = new ConditionVariables();

  @Test
  void aComparisonReadsItsVariable() {
    assertThat(variables.of("${riskScore >= 50}")).containsExactly("riskScore");
  }

  @Test
  void aPropertyPathReadsItsRootVariableAndEachNameIsListedOnceInOrder() {
    assertThat(variables.of("${applicant.age > 17 && riskScore < 50 || riskScore > 90}"))
        .containsExactly("applicant", "riskScore");
  }

  @Test
  void aMethodCallOnTheExecutionReadsTheExecutionNotTheVariableItNames() {
    assertThat(variables.of("#{execution.getVariable('amount') > 100}")).containsExactly("execution");
  }

  @Test
  void aScriptOrAMalformedExpressionReadsNothing() {
    assertThat(variables.of("riskScore >= 50")).isEmpty();
    assertThat(variables.of("${riskScore >=}")).isEmpty();
    assertThat(variables.of(null)).isEmpty();
  }
}
