package org.auditrail.report;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.auditrail.ai.GeneratedText;

/**
 * Everything one monthly compliance report says, as the templates render it.
 *
 * @param summary the executive summary a model wrote, with the model and prompt version that wrote it
 * @param unlistedFindings exceptional events beyond those listed
 * @param auditApiAccesses how many times the audit API was read in the month
 * @param alerts the alerts raised in the month, from the sealed log
 */
public record ComplianceReport(ReportMonth month, Instant generatedAt, String generatedBy, KeyFigures figures,
    KeyFigures previousFigures, List<InventoryUsage.Use> inventory, List<Oversight> oversight,
    List<ExceptionalEvents.Finding> findings, int unlistedFindings, int auditApiAccesses, Attestation attestation,
    List<CaseIndex.Case> cases, GeneratedText summary, List<MonthAlerts.Raised> alerts) {

  /** Human oversight of one review task. */
  public record Oversight(String processDefinitionKey, String task, int reviews, int approvedUnchanged, int edited,
      int rejected, int escalated, double overrideRate, List<String> mostChangedFields, int fourEyesViolations) {

    public double rejectionRate() {
      return reviews == 0 ? 0 : (double) rejected / reviews;
    }
  }

  /** Every process definition key with cases in this month or the previous one, for the side-by-side figures. */
  public List<String> processKeys() {
    TreeSet<String> keys = new TreeSet<>(figures.cases().keySet());
    keys.addAll(previousFigures.cases().keySet());
    return List.copyOf(keys);
  }
}
