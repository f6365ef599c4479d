package org.auditrail.report;

import java.util.List;
import java.util.Locale;

/**
 * Small bar charts as inline SVG, so that the HTML and the PDF carry the same drawing without scripts or images.
 */
public final class SvgCharts {

  private static final int WIDTH = 640;
  private static final int ROW = 26;
  private static final int LABEL = 200;
  private static final int BAR = 18;

  /** One labelled row with this month's and, optionally, the previous month's value. */
  public record Bar(String label, double value, Double previous) {}

  private SvgCharts() {}

  /** Horizontal bars; with previous values, a lighter bar under each for the previous month. */
  public static String bars(String title, List<Bar> bars) {
    double max = bars.stream().mapToDouble(bar -> Math.max(bar.value(), bar.previous() == null ? 0 : bar.previous()))
        .max().orElse(0);
    int height = 30 + Math.max(1, bars.size()) * ROW + 20;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
    svg.append("<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">").append(escape(title)).append("</text>");
    if (bars.isEmpty()) {
      svg.append("<text x=\"0\" y=\"46\" font-size=\"12\">No data in this period.</text>");
    }
    int y = 30;
    double scale = max == 0 ? 0 : (WIDTH - LABEL - 60) / max;
    for (Bar bar : bars) {
      svg.append("<text x=\"0\" y=\"").append(y + 13).append("\" font-size=\"12\">").append(escape(bar.label()))
          .append("</text>");
      if (bar.previous() != null) {
        svg.append(rect(LABEL, y + BAR / 2 + 2, bar.previous() * scale, BAR / 2 - 2, "#b8c4d6"));
        svg.append(rect(LABEL, y, bar.value() * scale, BAR / 2 + 1, "#1f4e8c"));
      } else {
        svg.append(rect(LABEL, y, bar.value() * scale, BAR, "#1f4e8c"));
      }
      svg.append("<text x=\"").append(LABEL + (int) (bar.value() * scale) + 6).append("\" y=\"").append(y + 11)
          .append("\" font-size=\"11\">").append(number(bar.value())).append("</text>");
      y += ROW;
    }
    if (bars.stream().anyMatch(bar -> bar.previous() != null)) {
      svg.append(rect(LABEL, y + 6, 12, 8, "#1f4e8c")).append("<text x=\"").append(LABEL + 16).append("\" y=\"")
          .append(y + 14).append("\" font-size=\"11\">this month</text>")
          .append(rect(LABEL + 100, y + 6, 12, 8, "#b8c4d6")).append("<text x=\"").append(LABEL + 116)
          .append("\" y=\"").append(y + 14).append("\" font-size=\"11\">previous month</text>");
    }
    return svg.append("</svg>").toString();
  }

  private static String rect(int x, int y, double width, int height, String fill) {
    return "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + String.format(Locale.ROOT, "%.1f", Math.max(width, 0.5))
        + "\" height=\"" + height + "\" fill=\"" + fill + "\"/>";
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
