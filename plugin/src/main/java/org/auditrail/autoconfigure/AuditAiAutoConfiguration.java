package org.auditrail.autoconfigure;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.stream.Collectors;
import org.auditrail.ai.AiPlugin;
import org.auditrail.ai.AiTaskDelegate;
import org.auditrail.ai.AiTasks;
import org.auditrail.ai.AuditedTool;
import org.auditrail.ai.ModelEntry;
import org.auditrail.ai.PromptRegistry;
import org.auditrail.ai.ResponderRule;
import org.auditrail.ai.RetrievalIndex;
import org.auditrail.ai.RuleBasedChatModel;
import org.auditrail.ai.ToolCatalog;
import org.auditrail.capture.DetachedEventLog;
import org.auditrail.narrative.CaseNarratives;
import org.auditrail.report.ComplianceReports;
import org.auditrail.store.AuditStore;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * AI tasks: the {@code auditAiTask} delegate, the deploy-time check of every AI task, the prompt registry (filled
 * from the application's prompt resources), the model inventory from {@code audit.ai.models}, and the tools
 * ({@code @Tool} methods with {@link AuditedTool}) and retrieval indexes among the application's beans.
 */
@AutoConfiguration(after = AuditAutoConfiguration.class)
@ConditionalOnClass(ProcessEngineConfigurationImpl.class)
@ConditionalOnProperty(prefix = "audit", name = {"enabled", "ai.enabled"}, matchIfMissing = true)
public class AuditAiAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  static AiTasks auditAiTasks(ListableBeanFactory beans, AuditStore store, DetachedEventLog log,
      AuditProperties properties, ObjectProvider<RetrievalIndex> indexes, ObjectProvider<ResponderRule> rules)
      throws IOException {
    AiTasks.Builder builder = AiTasks.builder(store, log)
        .tools(ToolCatalog.loadedBy(catalog -> registerTools(beans, catalog)))
        .indexes(() -> indexes.orderedStream().collect(Collectors.toMap(RetrievalIndex::name, index -> index,
            (first, second) -> first, LinkedHashMap::new)))
        .applicationModels(() -> beans.getBeansOfType(ChatModel.class))
        .offlineRules(() -> rules.orderedStream().toList());
    properties.getAi().getModels().forEach((name, model) ->
        builder.model(model.toEntry(name), model.getPrice().toPrice()));
    String summaryModel = properties.getReports().getSummaryModel();
    if (!properties.getAi().getModels().containsKey(summaryModel)) {
      builder.model(offlineReportSummary(summaryModel), null);
    }
    String narrativeModel = properties.getNarrative().getModel();
    if (!properties.getAi().getModels().containsKey(narrativeModel) && !narrativeModel.equals(summaryModel)) {
      builder.model(offlineNarrative(narrativeModel), null);
    }
    AiTasks tasks = builder.build();
    publishPrompts(tasks.prompts(), properties.getAi().getPromptLocations());
    return tasks;
  }

  /**
   * Without a configured model, the report's executive summary is written by the offline rule-based responder,
   * which says so in the report and in every event.
   */
  private static ModelEntry offlineReportSummary(String name) {
    return new ModelEntry(name, "offline", RuleBasedChatModel.MODEL_ID, "compliance",
        "Executive summary of the monthly compliance report", Set.of(ComplianceReports.PURPOSE),
        ModelEntry.ValidationStatus.APPROVED, null, null, null, null, null, null, 0);
  }

  /** Without a configured model, case narratives are written by the offline rule-based responder. */
  private static ModelEntry offlineNarrative(String name) {
    return new ModelEntry(name, "offline", RuleBasedChatModel.MODEL_ID, "audit",
        "Case narratives with checked citations for auditors", Set.of(CaseNarratives.PURPOSE),
        ModelEntry.ValidationStatus.APPROVED, null, null, null, null, null, null, 0);
  }

  @Bean
  @ConditionalOnMissingBean(name = "auditAiPlugin")
  static AiPlugin auditAiPlugin(AiTasks tasks) {
    return new AiPlugin(tasks);
  }

  @Bean
  @ConditionalOnMissingBean(name = "auditAiTask")
  static AiTaskDelegate auditAiTask(AiTasks tasks) {
    return new AiTaskDelegate(tasks);
  }

  private static void registerTools(ListableBeanFactory beans, ToolCatalog catalog) {
    for (String name : beans.getBeanDefinitionNames()) {
      Class<?> type = beans.getType(name, false);
      if (type != null && Arrays.stream(type.getMethods()).anyMatch(method -> method.isAnnotationPresent(Tool.class)
          && method.isAnnotationPresent(AuditedTool.class))) {
        Object bean = beans.getBean(name);
        catalog.register(bean, AopUtils.getTargetClass(bean));
      }
    }
  }

  private static void publishPrompts(PromptRegistry prompts, String locations) throws IOException {
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources(locations)) {
      String path = resource.getURL().getPath();
      String[] parts = path.split("/");
      if (parts.length < 2 || !parts[parts.length - 1].endsWith(".txt")) {
        continue;
      }
      String version = parts[parts.length - 1].substring(0, parts[parts.length - 1].length() - ".txt".length());
      String id = parts[parts.length - 2];
      String text = resource.getContentAsString(StandardCharsets.UTF_8);
      prompts.publish(id, version, text, "resource prompts/" + id + "/" + version + ".txt");
    }
  }
}
