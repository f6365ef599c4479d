package org.auditrail.web;

import org.auditrail.trail.CaseBundleExporter;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves a case's evidence bundle, a ZIP that an auditor verifies offline with the log's public keys. */
@RestController
@ProblemResponses
@RequestMapping("/api/audit")
public class CaseBundleController {

  private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

  private final CaseBundleExporter exporter;

  public CaseBundleController(CaseBundleExporter exporter) {
    this.exporter = exporter;
  }

  @GetMapping("/traces/{processInstanceId}/bundle")
  public ResponseEntity<byte[]> bundle(@PathVariable String processInstanceId) {
    return exporter.export(processInstanceId)
        .map(bundle -> ResponseEntity.ok().contentType(ZIP)
            .header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(bundle.fileName()).build().toString())
            .body(bundle.zip()))
        .orElseThrow(() -> AuditTrailController.unknownCase(processInstanceId));
  }
}
