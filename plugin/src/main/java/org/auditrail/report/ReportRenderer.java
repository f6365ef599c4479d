package org.auditrail.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders a report with the Thymeleaf template {@code monthly-compliance-report.html}: from a folder of the user's
 * own templates when one is configured and holds it, else the plugin's copy of {@code report-templates/}; then the
 * HTML to PDF with openhtmltopdf, which draws the inline SVG charts.
 */
public final class ReportRenderer {

  static final String TEMPLATE = "monthly-compliance-report";

  private static final ReportFormat FORMAT = new ReportFormat();

  private final TemplateEngine engine = new TemplateEngine();

  /** @param templateDirectory the user's templates, or {@code null} for the plugin's */
  public ReportRenderer(Path templateDirectory) {
    int order = 1;
    if (templateDirectory != null) {
      FileTemplateResolver own = new FileTemplateResolver();
      own.setPrefix(templateDirectory.toAbsolutePath() + "/");
      own.setSuffix(".html");
      own.setTemplateMode(TemplateMode.HTML);
      own.setCharacterEncoding("UTF-8");
      own.setCheckExistence(true);
      own.setOrder(order++);
      engine.addTemplateResolver(own);
    }
    ClassLoaderTemplateResolver bundled = new ClassLoaderTemplateResolver(ReportRenderer.class.getClassLoader());
    bundled.setPrefix("auditrail/report-templates/");
    bundled.setSuffix(".html");
    bundled.setTemplateMode(TemplateMode.HTML);
    bundled.setCharacterEncoding("UTF-8");
    bundled.setOrder(order);
    engine.addTemplateResolver(bundled);
  }

  public String html(ComplianceReport report) {
    Context context = new Context(Locale.ENGLISH);
    context.setVariable("report", report);
    context.setVariable("fmt", FORMAT);
    context.setVariable("casesChart", SvgCharts.bars("Cases started per process", report.processKeys().stream()
        .map(key -> new SvgCharts.Bar(key, report.figures().casesOf(key).started(),
            (double) report.previousFigures().casesOf(key).started())).toList()));
    context.setVariable("aiChart", SvgCharts.bars("Model calls per model and prompt version",
        report.figures().aiCalls().stream().map(calls -> new SvgCharts.Bar(calls.modelId() + " / " + calls.prompt(),
            calls.calls(), null)).toList()));
    context.setVariable("oversightChart", SvgCharts.bars("Override rate per review task (%)",
        report.oversight().stream().map(task -> new SvgCharts.Bar(task.task(), task.overrideRate() * 100, null))
            .toList()));
    return engine.process(TEMPLATE, context);
  }

  public byte[] pdf(String html) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useSVGDrawer(new BatikSVGDrawer());
      builder.withHtmlContent(html, null);
      builder.toStream(out);
      builder.run();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the report could not be rendered as PDF", e);
    }
  }
}
