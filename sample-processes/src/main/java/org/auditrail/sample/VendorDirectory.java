package org.auditrail.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.Map;
import org.auditrail.ai.AuditedTool;

/** The vendor master data the invoice draft looks vendors up in (a fixed sample directory). */
public class VendorDirectory {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Vendor(String country, boolean bankDetailsVerified, List<String> riskFlags, int paymentTermsDays) {}

  static final Map<String, Vendor> VENDORS = Map.of(
      "Acme Office Supplies GmbH", new Vendor("DE", true, List.of(), 30),
      "Nordlicht Logistics AB", new Vendor("SE", true, List.of(), 45),
      "Bluewater Consulting Ltd", new Vendor("GB", true, List.of(), 30),
      "Helvetia Precision AG", new Vendor("CH", true, List.of(), 60),
      "Sunrise Catering BV", new Vendor("NL", true, List.of("bank account changed 3 days before the invoice"), 14),
      "Orion Data Services SRL", new Vendor("RO", false, List.of(), 30));

  @Tool("Looks a vendor up in the vendor directory by its exact name: country, whether its bank details are"
      + " verified, open risk flags and payment terms")
  @AuditedTool(version = "1.0.0")
  public String lookupVendor(@P("the vendor's exact name, as on the invoice") String vendorName) {
    Vendor vendor = VENDORS.get(vendorName);
    ObjectNode answer = JSON.createObjectNode().put("vendorName", vendorName).put("found", vendor != null);
    if (vendor != null) {
      answer.put("country", vendor.country())
          .put("bankDetailsVerified", vendor.bankDetailsVerified())
          .put("paymentTermsDays", vendor.paymentTermsDays());
      var flags = answer.putArray("riskFlags");
      vendor.riskFlags().forEach(flags::add);
    }
    return answer.toString();
  }
}
