package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything that made an AI task's output what it was, pinned to exact versions: with the recorded inputs, any
 * output can be explained months later.
 *
 * @param model the model configuration from the inventory and the exact model it names
 * @param prompt the prompt template's id, semantic version and the SHA-256 of its text
 *     <p>Every hash here resolves to bytes in the content store, so a case bundle carries them all.
 * @param tools each tool the AI could call, with its version and the SHA-256 of its canonical specification
 * @param retrievalIndex the retrieval index and the snapshot id of the documents it held
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AiSnapshot(Model model, Prompt prompt, List<Tool> tools, RetrievalIndex retrievalIndex) {

  /**
   * @param name the model configuration's name in the inventory
   * @param provider the provider, such as {@code openai}, {@code ollama} or {@code offline}
   * @param modelId the pinned model id that is requested
   * @param validationStatus the inventory's validation status at the time
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Model(String name, String provider, String modelId, String validationStatus) {}

  /** @param contentSha256 the SHA-256 of the template text, under which the content store keeps it */
  public record Prompt(String id, String version, String contentSha256) {}

  /** @param schemaSha256 the SHA-256 of the tool's canonical specification, kept in the content store */
  public record Tool(String name, String version, String schemaSha256, boolean sideEffects) {}

  /**
   * @param snapshotId the SHA-256 of the index manifest (the sorted document hashes), kept in the content store
   */
  public record RetrievalIndex(String name, String snapshotId, int documents) {}
}
