package org.auditrail.ai;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a model's tokens cost, per million, as configured in the price table.
 *
 * @param currency an ISO 4217 code such as {@code USD} or {@code EUR}
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, String currency) {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  public BigDecimal cost(int inputTokens, int outputTokens) {
    return inputPerMillion.multiply(BigDecimal.valueOf(inputTokens))
        .add(outputPerMillion.multiply(BigDecimal.valueOf(outputTokens)))
        .divide(MILLION, 8, RoundingMode.HALF_UP)
        .stripTrailingZeros();
  }
}
