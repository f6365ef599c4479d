package org.auditrail.ai;

import dev.langchain4j.agent.tool.ToolSpecification;
import java.lang.reflect.Method;
import org.auditrail.event.AiSnapshot;
import org.auditrail.store.ContentBlob;

/**
 * A tool an AI task may call, with what the trail records of it.
 *
 * @param schema the tool's specification (name, description, parameter schema) in
 *     LangChain4j's JSON form, canonicalized (RFC 8785): any change to what the model is told about the tool
 *     changes it
 */
public record ToolDescriptor(String name, String version, boolean sideEffects, ToolSpecification specification,
    ContentBlob schema, Object bean, Method method) {

  public String schemaSha256() {
    return schema.sha256();
  }

  AiSnapshot.Tool snapshot() {
    return new AiSnapshot.Tool(name, version, schema.sha256(), sideEffects);
  }
}
