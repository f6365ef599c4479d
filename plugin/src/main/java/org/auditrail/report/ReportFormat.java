package org.auditrail.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the templates write times, rates, amounts and hashes: one place, so HTML and PDF read the same. */
public final class ReportFormat {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  public String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  public String number(long value) {
    return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
  }

  /** An amount, or "unknown" when some price was missing: never a zero that is not one. */
  public String money(BigDecimal amount, String currency) {
    if (amount == null) {
      return "unknown";
    }
    return amount.setScale(4, RoundingMode.HALF_UP).toPlainString() + (currency == null ? "" : " " + currency);
  }

  /** A change against the previous month, such as +3 or -1. */
  public String change(long now, long before) {
    long difference = now - before;
    return difference > 0 ? "+" + difference : String.valueOf(difference);
  }

  public String shortHash(String hash) {
    return hash == null || hash.length() < 16 ? hash : hash.substring(0, 16) + "…";
  }
}
