package org.auditrail.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** JSON from outside is read with only the numbers canonical JSON holds exactly; others keep their text. */
class JsonNumbersTest {

  @Test
  void readsNumbersADoubleDoesNotHoldAsTheirTextAndTheOthersAsNumbers() throws Exception {
    JsonNode tree = EventJson.mapper().readTree("{\"huge\":1e400,\"id\":9007199254740993,\"limit\":9007199254740992,"
        + "\"digits\":0.12345678901234567890123,\"share\":0.1,\"small\":-42,\"big\":123456789012345678901234567890,"
        + "\"list\":[1.5,-9223372036854775808,{\"deep\":18446744073709551616}],\"text\":\"1e400\",\"none\":null}");

    assertThat(EventJson.canonical(tree)).isEqualTo("{\"big\":\"123456789012345678901234567890\","
        + "\"digits\":\"0.12345678901234567890123\",\"huge\":\"1e400\",\"id\":\"9007199254740993\","
        + "\"limit\":9007199254740992,\"list\":[1.5,\"-9223372036854775808\",{\"deep\":\"18446744073709551616\"}],"
        + "\"none\":null,\"share\":0.1,\"small\":-42,\"text\":\"1e400\"}");
    assertThat(tree.get("small").isInt()).isTrue();
    assertThat(tree.get("share").isDouble()).isTrue();
  }

  @Test
  void turnsJavaValuesIntoTreesTheSameWay() {
    JsonNode tree = EventJson.mapper().valueToTree(java.util.Map.of("nan", Double.NaN, "id", 9007199254740993L,
        "score", 0.75, "big", new java.math.BigDecimal("12345678901234567890.5")));

    assertThat(EventJson.canonical(tree))
        .isEqualTo("{\"big\":\"12345678901234567890.5\",\"id\":\"9007199254740993\",\"nan\":\"NaN\",\"score\":0.75}");
  }

  @Test
  void keepsIntegersAndDoublesADoubleHoldsAsNumbers() {
    assertThat(JsonNumbers.of(1L << 53).isNumber()).isTrue();
    assertThat(JsonNumbers.of((1L << 53) + 1).asText()).isEqualTo("9007199254740993");
    assertThat(JsonNumbers.of(Double.NEGATIVE_INFINITY).asText()).isEqualTo("-Infinity");
    assertThat(JsonNumbers.of(Double.NaN).asText()).isEqualTo("NaN");
    assertThat(JsonNumbers.of(1e300).isNumber()).isTrue();
  }
}
