package org.auditrail.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/** External workers' reports of their own AI steps, under {@code audit.ingest.*}. */
public class IngestProperties {

  /** Camunda groups whose members may report a worker's AI steps about the external tasks it holds. */
  private List<String> workerGroups = new ArrayList<>(List.of("workers", "camunda-admin"));

  /** Maximum number of events one report may carry. */
  private int maxEvents = 100;

  public List<String> getWorkerGroups() { return workerGroups; }
  public void setWorkerGroups(List<String> workerGroups) { this.workerGroups = workerGroups; }
  public int getMaxEvents() { return maxEvents; }
  public void setMaxEvents(int maxEvents) { this.maxEvents = maxEvents; }
}
