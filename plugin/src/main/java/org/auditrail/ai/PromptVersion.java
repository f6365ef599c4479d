package org.auditrail.ai;

import dev.langchain4j.model.input.PromptTemplate;
import java.util.Map;

/**
 * One published version of a prompt template.
 *
 * @param id the template id, such as {@code kyc-risk-rating}
 * @param version its semantic version
 * @param text the template text, with {@code {{variable}}} placeholders filled from process variables
 * @param sha256 the SHA-256 of the text, under which the content store keeps it
 * @param source where the text was first published from: a resource path or {@code api}
 */
public record PromptVersion(String id, String version, String text, String sha256, String source) {

  /** The rendered prompt; a placeholder without a value is an error that names the variable. */
  public String render(Map<String, Object> variables) {
    return PromptTemplate.from(text).apply(variables).text();
  }

  public String label() {
    return id + "@" + version;
  }
}
