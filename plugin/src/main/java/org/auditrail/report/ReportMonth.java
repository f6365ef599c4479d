package org.auditrail.report;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;

/** The calendar month a compliance report covers, in UTC: from its first instant, inclusive, to the next month's. */
public record ReportMonth(YearMonth month) {

  /** The earliest month a report can cover: no audit event is older than the epoch. */
  public static final YearMonth EARLIEST = YearMonth.of(1970, 1);

  /** The latest month that can be written as yyyy-MM. */
  public static final YearMonth LATEST = YearMonth.of(9999, 12);

  /**
   * @throws IllegalArgumentException naming the value when it is not a month such as {@code 2026-10} between
   *     {@link #EARLIEST} and {@link #LATEST}
   */
  public static ReportMonth parse(String value) {
    YearMonth month;
    try {
      month = YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("the month must be given as yyyy-MM, such as 2026-10, but was: " + value);
    }
    if (month.isBefore(EARLIEST) || month.isAfter(LATEST)) {
      throw new IllegalArgumentException("the month must be between " + EARLIEST + " and " + LATEST + ", but was: "
          + value);
    }
    return new ReportMonth(month);
  }

  public static ReportMonth current() {
    return new ReportMonth(YearMonth.now(ZoneOffset.UTC));
  }

  public Instant from() {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public Instant to() {
    return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public ReportMonth previous() {
    return new ReportMonth(month.minusMonths(1));
  }

  public boolean isAfter(ReportMonth other) {
    return month.isAfter(other.month);
  }

  /** {@code 2026-10}. */
  public String id() {
    return month.toString();
  }

  /** {@code October 2026}. */
  public String title() {
    return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
  }

  /** The trace the report's own events belong to. */
  public String traceId() {
    return "compliance-report-" + id();
  }
}
