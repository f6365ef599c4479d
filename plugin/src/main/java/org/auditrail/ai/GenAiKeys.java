package org.auditrail.ai;

/**
 * The metadata keys of AI events: OpenTelemetry GenAI semantic-convention names where one exists, and the
 * {@code auditrail.} namespace for what those conventions do not cover.
 */
public final class GenAiKeys {

  public static final String OPERATION_NAME = "gen_ai.operation.name";
  public static final String PROVIDER_NAME = "gen_ai.provider.name";
  public static final String CONVERSATION_ID = "gen_ai.conversation.id";
  public static final String AGENT_NAME = "gen_ai.agent.name";
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  public static final String REQUEST_TEMPERATURE = "gen_ai.request.temperature";
  public static final String REQUEST_TOP_P = "gen_ai.request.top_p";
  public static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
  public static final String RESPONSE_MODEL = "gen_ai.response.model";
  public static final String RESPONSE_ID = "gen_ai.response.id";
  public static final String RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  public static final String TOOL_NAME = "gen_ai.tool.name";
  public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";
  public static final String TOOL_TYPE = "gen_ai.tool.type";
  public static final String ERROR_TYPE = "error.type";

  static final String MODEL_CONFIG = "auditrail.model.config";
  static final String PROMPT_ID = "auditrail.prompt.id";
  static final String PROMPT_VERSION = "auditrail.prompt.version";
  static final String PROMPT_SHA256 = "auditrail.prompt.sha256";
  static final String TOOL_VERSION = "auditrail.tool.version";
  static final String TOOL_SCHEMA_SHA256 = "auditrail.tool.schema_sha256";
  static final String TOOL_IDEMPOTENCY_KEY = "auditrail.tool.idempotency_key";
  static final String TOOL_REPLAYED = "auditrail.tool.replayed";
  static final String RETRIEVAL_INDEX = "auditrail.retrieval.index";
  static final String RETRIEVAL_INDEX_SNAPSHOT = "auditrail.retrieval.index_snapshot";
  static final String COST_AMOUNT = "auditrail.cost.amount";
  static final String COST_CURRENCY = "auditrail.cost.currency";
  static final String COST_STATUS = "auditrail.cost.status";
  static final String LATENCY_MS = "auditrail.latency_ms";
  static final String SEQUENCE = "auditrail.sequence";
  static final String TRIGGERED_BY = "auditrail.triggered_by";
  static final String CONFIGURATION_CHANGE = "auditrail.configuration_change";
  static final String OUTPUT_IGNORED_FIELDS = "auditrail.output.ignored_fields";

  private GenAiKeys() {}
}
