package org.auditrail.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Made-up but plausible start data for the sample processes: mostly ordinary cases, and some a human has to look
 * at (high-risk countries, sanctioned names, missing documents, large invoices). The same random generator state
 * gives the same data; the batch only makes the business keys of one call unique.
 */
final class DemoCases {

  static final String KYC = "kycCheck";
  static final String INVOICE = "invoiceApproval";
  static final List<String> PROCESSES = List.of(KYC, INVOICE);

  /** The vendors the invoice sample knows, spelt exactly as its vendor look-up expects. */
  static final List<String> VENDORS = List.of("Acme Office Supplies GmbH", "Nordlicht Logistics AB",
      "Bluewater Consulting Ltd", "Helvetia Precision AG", "Sunrise Catering BV", "Orion Data Services SRL");

  /** Above this amount an invoice needs a human approver. */
  static final long APPROVAL_LIMIT = 10_000;

  private static final List<String> FIRST_NAMES = List.of("Anna", "Lukas", "Sofia", "Mateo", "Emma", "Jonas",
      "Chloé", "Mehmet", "Aisha", "Piotr", "Ingrid", "Luca", "Yuki", "Fatima", "Oliver", "Elena", "Tomás", "Noor",
      "Henrik", "Amara");
  private static final List<String> LAST_NAMES = List.of("Becker", "Lindqvist", "Moreau", "Rossi", "Kowalski",
      "van Dijk", "García", "Yılmaz", "O'Brien", "Novák", "Haddad", "Tanaka", "Schmid", "Andersen", "Costa",
      "Okafor", "Fischer", "Dubois");
  private static final List<String> SANCTIONED_NAMES = List.of("Boris Badenov", "Natasha Fatale");
  private static final List<String> ORDINARY_COUNTRIES = List.of("DE", "FR", "NL", "SE", "IT", "ES", "PL", "AT",
      "CH", "IE", "PT", "BE", "DK", "FI", "CZ", "GB", "US", "TR", "JP", "NG");
  private static final List<String> HIGH_RISK_COUNTRIES = List.of("IR", "KP", "MM");

  record DemoCase(String businessKey, Map<String, Object> variables) {}

  private final RandomGenerator random;
  private final String batch;
  private final int year;

  DemoCases(RandomGenerator random, String batch, int year) {
    this.random = random;
    this.batch = batch;
    this.year = year;
  }

  /** {@code count} new cases of the process, numbered from 1 within this batch. */
  List<DemoCase> of(String process, int count) {
    List<DemoCase> cases = new ArrayList<>(count);
    // Invoice numbers climb with gaps, as an intake register would, so none repeats within the batch.
    long invoiceNumber = random.nextLong(1, 900_000);
    for (int number = 1; number <= count; number++) {
      String suffix = "-DEMO-" + batch + "-" + String.format("%03d", number);
      if (KYC.equals(process)) {
        cases.add(new DemoCase("KYC" + suffix, kycApplication()));
      } else {
        invoiceNumber += random.nextLong(1, 40);
        cases.add(new DemoCase("INV" + suffix, invoice(invoiceNumber)));
      }
    }
    return cases;
  }

  private Map<String, Object> kycApplication() {
    String name = chance(0.04) ? pick(SANCTIONED_NAMES) : pick(FIRST_NAMES) + " " + pick(LAST_NAMES);
    String country = pick(chance(0.10) ? HIGH_RISK_COUNTRIES : ORDINARY_COUNTRIES);
    double document = random.nextDouble();
    String documentType = document < 0.50 ? "passport" : document < 0.85 ? "id-card"
        : document < 0.95 ? "residence-permit" : "none";
    // The applicant's own number identifies the data subject, even where two customers share a name; drawn from the
    // seed like the rest, so that the same seed gives the same customers.
    String customerNumber = String.format(Locale.ROOT, "C-%010d", random.nextLong(10_000_000_000L));
    return Map.of("customerNumber", customerNumber, "customerName", name, "country", country, "documentType",
        documentType);
  }

  private Map<String, Object> invoice(long number) {
    // Log-uniform amounts: many small invoices, fewer large ones; about one in six needs an approver.
    long amount = chance(0.15) ? logUniform(APPROVAL_LIMIT + 1, 250_000) : logUniform(50, APPROVAL_LIMIT);
    return Map.of("vendor", pick(VENDORS), "invoiceNumber", String.format("INV-%d-%06d", year, number),
        "amount", amount);
  }

  private long logUniform(long from, long to) {
    return Math.min(to, Math.max(from, Math.round(Math.exp(random.nextDouble(Math.log(from), Math.log(to))))));
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
