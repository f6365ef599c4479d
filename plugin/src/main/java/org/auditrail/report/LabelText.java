package org.auditrail.report;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures and wraps chart labels in the font the PDF draws them with: openhtmltopdf's SVG drawer (Batik) sets SVG
 * text in the JVM's {@code SansSerif}, so the widths measured here are the widths drawn. Browsers set the HTML's
 * copy in their own sans-serif, narrower or the same; the margin below covers small differences.
 */
final class LabelText {

  static final String FONT_FAMILY = "sans-serif";

  /** Measured widths are taken this much wider, for hinting and a browser's slightly wider sans-serif. */
  private static final double MARGIN = 1.05;
  private static final String ELLIPSIS = "…";
  private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
  private static final Font SANS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private final Font font;

  LabelText(float size) {
    this.font = SANS.deriveFont(size);
  }

  double width(String text) {
    return text.isEmpty() ? 0 : font.getStringBounds(text, CONTEXT).getWidth() * MARGIN;
  }

  double ascent() {
    return metrics().getAscent();
  }

  double descent() {
    return metrics().getDescent();
  }

  private LineMetrics metrics() {
    return font.getLineMetrics("Mg", CONTEXT);
  }

  /**
   * The text in lines no wider than {@code width}, broken after a separator of model and prompt ids where it can
   * ({@code / - @ . _ :} and spaces), anywhere in a word where it must; beyond {@code maxLines} the last line is
   * shortened and ends in an ellipsis (the full text is in the table beside the chart).
   */
  List<String> wrap(String text, double width, int maxLines) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String piece : pieces(text)) {
      if (width(line + piece) <= width) {
        line.append(piece);
        continue;
      }
      if (!line.isEmpty()) {
        lines.add(line.toString().strip());
        line.setLength(0);
      }
      for (char c : piece.toCharArray()) {
        if (!line.isEmpty() && width(line.toString() + c) > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        line.append(c);
      }
    }
    if (!line.toString().isBlank() || lines.isEmpty()) {
      lines.add(line.toString().strip());
    }
    if (lines.size() <= maxLines) {
      return lines;
    }
    List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
    String last = kept.get(maxLines - 1);
    while (!last.isEmpty() && width(last + ELLIPSIS) > width) {
      last = last.substring(0, last.length() - 1);
    }
    kept.set(maxLines - 1, last.strip() + ELLIPSIS);
    return kept;
  }

  /** The text cut after each separator, so that a line breaks after "gpt-4.1-" rather than inside "mini". */
  private static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if ("/-@._: ".indexOf(text.charAt(i)) >= 0) {
        pieces.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      pieces.add(text.substring(start));
    }
    return pieces;
  }
}
