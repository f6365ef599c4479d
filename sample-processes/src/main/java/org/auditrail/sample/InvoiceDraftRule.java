package org.auditrail.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.auditrail.ai.ResponderRule;

/**
 * The offline responder's invoice approval draft: first asks for the vendor directory tool, then recommends
 * approval only for a vendor with verified bank details and no risk flags. Deterministic.
 */
class InvoiceDraftRule implements ResponderRule {

  static final String OPENING = "You draft the approval recommendation for a supplier invoice";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Optional<AiMessage> respond(ChatRequest request) {
    PromptFields prompt = PromptFields.of(request, OPENING);
    if (prompt == null) {
      return Optional.empty();
    }
    ToolExecutionResultMessage lookup = lookupResult(request.messages());
    if (lookup == null) {
      return Optional.of(AiMessage.from(ToolExecutionRequest.builder()
          .id("lookup-1")
          .name("lookupVendor")
          .arguments(JSON.createObjectNode().put("vendorName", prompt.field("Vendor")).toString())
          .build()));
    }
    JsonNode vendor;
    try {
      vendor = JSON.readTree(lookup.text());
    } catch (JsonProcessingException e) {
      vendor = JSON.createObjectNode().put("found", false);
    }
    List<String> concerns = new ArrayList<>();
    if (!vendor.path("found").asBoolean()) {
      concerns.add("the vendor is not in the vendor directory");
    } else {
      if (!vendor.path("bankDetailsVerified").asBoolean()) {
        concerns.add("the vendor's bank details are not verified");
      }
      vendor.path("riskFlags").forEach(flag -> concerns.add("risk flag: " + flag.asText()));
    }
    String recommendation = concerns.isEmpty() ? "approve" : "reject";
    String reason = concerns.isEmpty()
        ? "Vendor " + prompt.field("Vendor") + " is in the directory with verified bank details and no risk flags."
        : "Do not pay yet: " + String.join("; ", concerns) + ".";
    return Optional.of(AiMessage.from(JSON.createObjectNode().put("aiRecommendation", recommendation)
        .put("aiDraftReason", reason).toString()));
  }

  private static ToolExecutionResultMessage lookupResult(List<ChatMessage> messages) {
    for (ChatMessage message : messages) {
      if (message instanceof ToolExecutionResultMessage result && "lookupVendor".equals(result.toolName())) {
        return result;
      }
    }
    return null;
  }
}
