package org.auditrail.web;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The plugin's own HTML pages: Thymeleaf templates under {@code auditrail/web/} on the plugin's class path. */
final class WebPages {

  private WebPages() {
  }

  static TemplateEngine templates() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(WebPages.class.getClassLoader());
    resolver.setPrefix("auditrail/web/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    TemplateEngine pages = new TemplateEngine();
    pages.setTemplateResolver(resolver);
    return pages;
  }
}
