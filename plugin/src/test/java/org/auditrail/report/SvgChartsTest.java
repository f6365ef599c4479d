package org.auditrail.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bar chart's layout: labels measured and wrapped so that none runs under a bar or a count. */
class SvgChartsTest {

  static final String LONG_MODEL = "azure-openai/gpt-4.1-mini-2025-04-14-eu-west-dedicated";
  static final String LONG_PROMPT = "commercial-lending-credit-memo-drafting-with-covenant-analysis@12.4.0-rc.3";

  private final LabelText labels = new LabelText(12);

  @Test
  void longLabelsWrapInTheirColumnAndNeverOverlapABarOrACount() {
    List<SvgCharts.Bar> bars = List.of(
        new SvgCharts.Bar(LONG_MODEL + " / kyc-risk-rating@1.0.0", 1250, null),
        new SvgCharts.Bar("gpt-4o-mini / short@1", 3, null),
        new SvgCharts.Bar(LONG_MODEL + " / " + LONG_PROMPT, 999_999, null),
        new SvgCharts.Bar("WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", 0, null));

    SvgCharts.Layout layout = SvgCharts.layout(bars);

    List<SvgCharts.Box> drawn = layout.rows().stream()
        .flatMap(row -> Stream.of(row.bar(), row.countBox())).toList();
    for (SvgCharts.Row row : layout.rows()) {
      for (SvgCharts.Box other : drawn) {
        assertThat(row.label().overlaps(other)).as("%s overlaps %s", row.lines(), other).isFalse();
      }
      assertThat(row.label().right()).isLessThan(row.bar().x());
      assertThat(row.lines())
          .allSatisfy(line -> assertThat(labels.width(line)).isLessThanOrEqualTo(layout.labelColumn() - 8));
      assertThat(row.countBox().x()).isGreaterThan(row.bar().right());
      assertThat(row.countBox().right()).isLessThanOrEqualTo(layout.width());
      assertThat(row.label().y() + row.label().height()).isLessThanOrEqualTo(layout.height());
    }
    for (int i = 1; i < layout.rows().size(); i++) {
      SvgCharts.Row above = layout.rows().get(i - 1);
      SvgCharts.Row row = layout.rows().get(i);
      assertThat(row.label().y()).isGreaterThanOrEqualTo(above.label().y() + above.label().height());
      assertThat(row.bar().y()).isGreaterThanOrEqualTo(above.bar().y() + above.bar().height());
    }
    assertThat(String.join("", layout.rows().get(0).lines()).replace(" ", ""))
        .isEqualTo((LONG_MODEL + "/kyc-risk-rating@1.0.0").replace(" ", ""));
    assertThat(layout.labelColumn()).isEqualTo(300);
    assertThat(layout.rows().get(0).lines()).hasSize(2);
    assertThat(layout.rows().get(1).lines()).containsExactly("gpt-4o-mini / short@1");
    assertThat(layout.rows().get(2).lines()).hasSize(3);
    assertThat(layout.rows().get(2).lines().get(2)).endsWith("…");
    assertThat(layout.rows().get(2).count()).isEqualTo("999999");
    assertThat(layout.rows().get(3).lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("WWW"));
  }

  @Test
  void aLabelBreaksAfterTheSeparatorsOfModelAndPromptIds() {
    assertThat(labels.wrap(LONG_MODEL, 192, 3)).allSatisfy(line -> assertThat(line).matches(".*[/\\-]$|.*ted$"));
  }

  @Test
  void theDrawingCarriesEachLinesTextAndTheFullLabelAsItsTitle() {
    String svg = SvgCharts.bars("Model calls per model and prompt version",
        List.of(new SvgCharts.Bar(LONG_MODEL + " / " + LONG_PROMPT, 4, null)));

    assertThat(svg).contains("<title>" + LONG_MODEL + " / " + LONG_PROMPT + "</title>");
    assertThat(svg).contains("<tspan x=\"0\">azure-openai/gpt-4.1-mini-2025-04-14-eu-</tspan>"
        + "<tspan x=\"0\" dy=\"14\">west-dedicated / commercial-lending-credit-</tspan>"
        + "<tspan x=\"0\" dy=\"14\">memo-drafting-with-covenant-analysis@12.…</tspan>");
    assertThat(svg).contains(" font-family=\"sans-serif\" ");
  }
}
