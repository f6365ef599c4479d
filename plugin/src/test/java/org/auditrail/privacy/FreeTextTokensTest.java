package org.auditrail.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FreeTextTokensTest {

  private final FreeTextTokens tokens = new FreeTextTokens(processInstanceId -> Map.of(
      "Ivan Petrov", "customerName_T1", "Ivan", "firstName_T2", "KP", "country_T3", "T1", "code_T4"));

  @Test
  void replacesTheLongestKnownValueFirstAndNeverSearchesATokenItPutIn() {
    assertThat(tokens.redact("case-1", "called Ivan Petrov back, then Ivan again"))
        .isEqualTo("called customerName_T1 back, then firstName_T2 again");
  }

  @Test
  void leavesValuesShorterThanThreeCharactersAndUnknownValuesAsTheyAre() {
    assertThat(tokens.redact("case-1", "KP is where Olga lives")).isEqualTo("KP is where Olga lives");
    assertThat(tokens.redact("case-1", "OK")).isEqualTo("OK");
    assertThat(tokens.redact("case-1", null)).isNull();
  }

  @Test
  void replacesAKnownValueInsideALongerWordToo() {
    // Erring toward privacy: "Petrov's" or "ivan@bank.example" are the person as much as "Petrov".
    assertThat(tokens.redact("case-1", "Ivanova")).isEqualTo("firstName_T2ova");
  }

  @Test
  void replacementTextIsTakenLiterally() {
    FreeTextTokens dollars = new FreeTextTokens(id -> Map.of("Jane$1 Doe", "customerName_T$0"));
    assertThat(dollars.redact("case-1", "met Jane$1 Doe")).isEqualTo("met customerName_T$0");
  }
}
