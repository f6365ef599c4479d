package org.auditrail.ai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Text a model wrote outside a process, such as a report's summary, with what the trail records of it.
 *
 * @param modelId the pinned model id that was requested
 * @param provider the model's provider
 * @param prompt the prompt template, as {@code id@version}
 * @param decisionEventId the {@code decision} event that holds the text; its {@code model_call} events precede it
 * @param recorded what the decision recorded of the text: the text itself, or what a check made of it
 */
public record GeneratedText(String text, String modelId, String provider, String prompt, String decisionEventId,
    JsonNode recorded) {}
