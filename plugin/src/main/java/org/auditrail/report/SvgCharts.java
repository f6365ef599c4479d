package org.auditrail.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small bar charts as inline SVG, so that the HTML and the PDF carry the same drawing without scripts or images.
 * Labels are measured and wrapped within their column left of the bars, so a long label (a model id with its prompt
 * version) never runs under its bar or its count: the column widens up to half the drawing, the row grows to the
 * label's lines, and a label longer than three lines ends in an ellipsis (the tables beside the charts, and the
 * label's SVG title, carry the full text).
 */
public final class SvgCharts {

  private static final int WIDTH = 640;
  /** The label column's width: at least this, wider for long labels up to {@link #MAX_LABEL}. */
  private static final int LABEL = 200;
  /** The widest label column, which leaves the bars half of the drawing. */
  private static final int MAX_LABEL = 300;
  /** Space between a label and its bar. */
  private static final int GAP = 8;
  private static final int BAR = 18;
  private static final int ROW_GAP = 8;
  private static final int TOP = 30;
  private static final int LABEL_SIZE = 12;
  private static final int LINE = 14;
  private static final int MAX_LINES = 3;
  private static final int COUNT_SIZE = 11;
  /** Room right of the longest bar for its count. */
  private static final int COUNT_ROOM = 60;

  private static final LabelText LABELS = new LabelText(LABEL_SIZE);
  private static final LabelText COUNTS = new LabelText(COUNT_SIZE);

  /** One labelled row with this month's and, optionally, the previous month's value. */
  public record Bar(String label, double value, Double previous) {}

  /** A rectangle of the drawing, in SVG user units (y grows downwards). */
  record Box(double x, double y, double width, double height) {

    boolean overlaps(Box other) {
      return x < other.x + other.width && other.x < x + width && y < other.y + other.height
          && other.y < y + height;
    }

    double right() {
      return x + width;
    }
  }

  /**
   * Where one row is drawn: its label's lines (from the first baseline, {@link #LINE} apart) and the box they
   * cover, this month's bar, the previous month's bar or {@code null}, and the count with its baseline.
   */
  record Row(List<String> lines, double labelBaseline, Box label, Box bar, Box previousBar, String count,
      double countBaseline, Box countBox) {}

  /** The rows, the label column (bars start at its right edge) and the size of the whole drawing. */
  record Layout(List<Row> rows, int labelColumn, int height, int width) {}

  private SvgCharts() {}

  /** Horizontal bars; with previous values, a lighter bar under each for the previous month. */
  public static String bars(String title, List<Bar> bars) {
    Layout layout = layout(bars);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(layout.height()).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(layout.height())
        .append("\" font-family=\"").append(LabelText.FONT_FAMILY).append("\" role=\"img\" aria-label=\"")
        .append(escape(title)).append("\">");
    svg.append("<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">").append(escape(title)).append("</text>");
    if (bars.isEmpty()) {
      svg.append("<text x=\"0\" y=\"46\" font-size=\"12\">No data in this period.</text>");
    }
    for (int i = 0; i < bars.size(); i++) {
      Row row = layout.rows().get(i);
      svg.append("<text x=\"0\" y=\"").append(number(row.labelBaseline())).append("\" font-size=\"")
          .append(LABEL_SIZE).append("\"><title>").append(escape(bars.get(i).label())).append("</title>");
      for (int line = 0; line < row.lines().size(); line++) {
        svg.append("<tspan x=\"0\"").append(line == 0 ? "" : " dy=\"" + LINE + "\"").append('>')
            .append(escape(row.lines().get(line))).append("</tspan>");
      }
      svg.append("</text>");
      if (row.previousBar() != null) {
        svg.append(rect(row.previousBar(), "#b8c4d6"));
      }
      svg.append(rect(row.bar(), "#1f4e8c"));
      svg.append("<text x=\"").append(number(row.countBox().x())).append("\" y=\"")
          .append(number(row.countBaseline())).append("\" font-size=\"").append(COUNT_SIZE).append("\">")
          .append(row.count()).append("</text>");
    }
    if (bars.stream().anyMatch(bar -> bar.previous() != null)) {
      int y = layout.height() - 20;
      int x = layout.labelColumn();
      svg.append(rect(new Box(x, y + 6, 12, 8), "#1f4e8c")).append("<text x=\"").append(x + 16)
          .append("\" y=\"").append(y + 14).append("\" font-size=\"11\">this month</text>")
          .append(rect(new Box(x + 100, y + 6, 12, 8), "#b8c4d6")).append("<text x=\"").append(x + 116)
          .append("\" y=\"").append(y + 14).append("\" font-size=\"11\">previous month</text>");
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Where each row's label, bars and count go: the label column as wide as the widest label needs (within
   * {@link #LABEL} and {@link #MAX_LABEL}), labels wrapped to stay {@link #GAP} left of it, bars from its edge.
   */
  static Layout layout(List<Bar> bars) {
    double max = bars.stream().mapToDouble(bar -> Math.max(bar.value(), bar.previous() == null ? 0 : bar.previous()))
        .max().orElse(0);
    double widest = bars.stream().mapToDouble(bar -> LABELS.width(bar.label())).max().orElse(0);
    int column = (int) Math.min(MAX_LABEL, Math.max(LABEL, Math.ceil(widest) + GAP));
    double scale = max == 0 ? 0 : (WIDTH - column - COUNT_ROOM) / max;
    List<Row> rows = new ArrayList<>();
    double top = TOP;
    for (Bar bar : bars) {
      List<String> lines = LABELS.wrap(bar.label(), column - GAP, MAX_LINES);
      double labelHeight = LABELS.ascent() + (lines.size() - 1) * LINE + LABELS.descent();
      double rowHeight = Math.max(BAR, labelHeight);
      double labelTop = top + (rowHeight - labelHeight) / 2;
      double labelWidth = lines.stream().mapToDouble(LABELS::width).max().orElse(0);
      double barTop = top + (rowHeight - BAR) / 2;
      double barWidth = Math.max(bar.value() * scale, 0.5);
      Box current;
      Box previous = null;
      if (bar.previous() != null) {
        current = new Box(column, barTop, barWidth, BAR / 2 + 1);
        previous = new Box(column, barTop + BAR / 2 + 2, Math.max(bar.previous() * scale, 0.5), BAR / 2 - 2);
      } else {
        current = new Box(column, barTop, barWidth, BAR);
      }
      String count = number(bar.value());
      double countBaseline = barTop + 11;
      Box countBox = new Box(column + barWidth + 6, countBaseline - COUNTS.ascent(), COUNTS.width(count),
          COUNTS.ascent() + COUNTS.descent());
      rows.add(new Row(lines, labelTop + LABELS.ascent(), new Box(0, labelTop, labelWidth, labelHeight), current,
          previous, count, countBaseline, countBox));
      top += rowHeight + ROW_GAP;
    }
    int height = (int) Math.ceil(Math.max(top, TOP + BAR + ROW_GAP)) + 20;
    return new Layout(rows, column, height, WIDTH);
  }

  private static String rect(Box box, String fill) {
    return "<rect x=\"" + number(box.x()) + "\" y=\"" + number(box.y()) + "\" width=\""
        + String.format(Locale.ROOT, "%.1f", box.width()) + "\" height=\"" + number(box.height()) + "\" fill=\""
        + fill + "\"/>";
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
