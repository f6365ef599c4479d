package org.auditrail.ai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.internal.ToolSpecificationJsonUtils;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.auditrail.event.EventJson;
import org.auditrail.store.ContentBlob;

/** The tools AI tasks may call: LangChain4j {@code @Tool} methods that also carry {@link AuditedTool}. */
public final class ToolCatalog {

  private static final Pattern SEMANTIC_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  private final Map<String, ToolDescriptor> tools = new ConcurrentHashMap<>();
  private Consumer<ToolCatalog> loader;

  public ToolCatalog() {}

  /**
   * A catalog that registers its tools when it is first asked for one, so that the tools may be application beans
   * created after the engine.
   */
  public static ToolCatalog loadedBy(Consumer<ToolCatalog> loader) {
    ToolCatalog catalog = new ToolCatalog();
    catalog.loader = loader;
    return catalog;
  }

  private synchronized void load() {
    if (loader != null) {
      Consumer<ToolCatalog> pending = loader;
      loader = null;
      pending.accept(this);
    }
  }

  /**
   * Adds the tool methods of an object.
   *
   * @param type the class to read the annotations from (the target class of a proxied bean)
   * @throws AiConfigurationException if a tool has no version, a malformed one, or a name already taken
   */
  public void register(Object bean, Class<?> type) {
    for (Method method : type.getMethods()) {
      if (!method.isAnnotationPresent(Tool.class)) {
        continue;
      }
      AuditedTool audited = method.getAnnotation(AuditedTool.class);
      ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
      String where = type.getName() + "." + method.getName();
      if (audited == null || !SEMANTIC_VERSION.matcher(audited.version()).matches()) {
        throw new AiConfigurationException("tool '" + specification.name() + "' (" + where + ") needs"
            + " @AuditedTool(version = \"x.y.z\"), so that each call records which version of it ran");
      }
      ToolDescriptor descriptor = new ToolDescriptor(specification.name(), audited.version(), audited.sideEffects(),
          specification, schemaOf(specification), bean, method);
      ToolDescriptor taken = tools.putIfAbsent(descriptor.name(), descriptor);
      if (taken != null && taken.method() != method) {
        throw new AiConfigurationException("tool name '" + descriptor.name() + "' is used by both " + where
            + " and " + taken.method().getDeclaringClass().getName() + "." + taken.method().getName());
      }
    }
  }

  public Optional<ToolDescriptor> find(String name) {
    load();
    return Optional.ofNullable(tools.get(name));
  }

  public Set<String> names() {
    load();
    return new TreeSet<>(tools.keySet());
  }

  /** The specification in LangChain4j's JSON form, canonicalized (RFC 8785), as the trail keeps and hashes it. */
  static ContentBlob schemaOf(ToolSpecification specification) {
    try {
      String json = ToolSpecificationJsonUtils.toJson(specification);
      return ContentBlob.utf8(EventJson.canonical(EventJson.mapper().readTree(json)), "application/json");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("LangChain4j wrote a tool specification that is not JSON", e);
    }
  }
}
