package org.auditrail.ai;

/**
 * Text a model wrote outside a process, such as a report's summary, with what the trail records of it.
 *
 * @param modelId the pinned model id that was requested
 * @param provider the model's provider
 * @param prompt the prompt template, as {@code id@version}
 * @param decisionEventId the {@code decision} event that holds the text; its {@code model_call} events precede it
 */
public record GeneratedText(String text, String modelId, String provider, String prompt, String decisionEventId) {}
