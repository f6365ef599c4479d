package org.auditrail.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where an event happened. Fields that do not apply to an event are left out of its JSON. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventContext(
    String processDefinitionKey,
    Integer processDefinitionVersion,
    String processDefinitionId,
    String processInstanceId,
    String businessKey,
    String activityId,
    String activityName,
    String activityType,
    String activityInstanceId,
    String executionId,
    String taskId,
    String jobId,
    String incidentId,
    String variableInstanceId,
    String deploymentId,
    String tenantId) {

  public static Builder builder() {
    return new Builder();
  }

  /** This context with another business key, such as the token that stands for a personal one. */
  public EventContext withBusinessKey(String value) {
    return new EventContext(processDefinitionKey, processDefinitionVersion, processDefinitionId, processInstanceId,
        value, activityId, activityName, activityType, activityInstanceId, executionId, taskId, jobId, incidentId,
        variableInstanceId, deploymentId, tenantId);
  }

  /** Collects the fields one by one, as the capture code learns them. */
  public static final class Builder {
    private String processDefinitionKey;
    private Integer processDefinitionVersion;
    private String processDefinitionId;
    private String processInstanceId;
    private String businessKey;
    private String activityId;
    private String activityName;
    private String activityType;
    private String activityInstanceId;
    private String executionId;
    private String taskId;
    private String jobId;
    private String incidentId;
    private String variableInstanceId;
    private String deploymentId;
    private String tenantId;

    public Builder processDefinition(String id, String key, Integer version) {
      this.processDefinitionId = id;
      this.processDefinitionKey = key;
      this.processDefinitionVersion = version;
      return this;
    }

    public Builder processInstanceId(String value) { this.processInstanceId = value; return this; }
    public Builder businessKey(String value) { this.businessKey = value; return this; }
    public Builder activity(String id, String name, String type) {
      this.activityId = id;
      this.activityName = name;
      this.activityType = type;
      return this;
    }
    public Builder activityInstanceId(String value) { this.activityInstanceId = value; return this; }
    public Builder executionId(String value) { this.executionId = value; return this; }
    public Builder taskId(String value) { this.taskId = value; return this; }
    public Builder jobId(String value) { this.jobId = value; return this; }
    public Builder incidentId(String value) { this.incidentId = value; return this; }
    public Builder variableInstanceId(String value) { this.variableInstanceId = value; return this; }
    public Builder deploymentId(String value) { this.deploymentId = value; return this; }
    public Builder tenantId(String value) { this.tenantId = value; return this; }

    public String processInstanceId() { return processInstanceId; }
    public String processDefinitionId() { return processDefinitionId; }
    public String businessKey() { return businessKey; }
    public String activityName() { return activityName; }
    public Builder activityName(String value) { this.activityName = value; return this; }

    public EventContext build() {
      return new EventContext(processDefinitionKey, processDefinitionVersion, processDefinitionId,
          processInstanceId, businessKey, activityId, activityName, activityType, activityInstanceId,
          executionId, taskId, jobId, incidentId, variableInstanceId, deploymentId, tenantId);
    }
  }
}
