package org.auditrail.sample;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.auditrail.ai.RetrievalIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the sample's AI tasks run with besides the model: the regulation corpus the KYC rating retrieves from, the
 * vendor directory tool, and the rules of the offline responder used when no model provider is configured.
 */
@Configuration(proxyBeanMethods = false)
class SampleAi {

  /** The bundled regulation summaries, embedded in process by a real embedding model (no download at run time). */
  @Bean
  RetrievalIndex kycRegulations() throws IOException {
    RetrievalIndex index = new RetrievalIndex("kyc-regulations", new AllMiniLmL6V2EmbeddingModel(), 600, 3, 0.3);
    for (Resource document : new PathMatchingResourcePatternResolver().getResources("classpath:regulations/*.md")) {
      if (!"README.md".equals(document.getFilename())) {
        index.add("regulations/" + document.getFilename(), document.getContentAsString(StandardCharsets.UTF_8));
      }
    }
    return index;
  }

  @Bean
  VendorDirectory vendorDirectory() {
    return new VendorDirectory();
  }

  @Bean
  KycRiskRule kycRiskRule() {
    return new KycRiskRule();
  }

  @Bean
  InvoiceDraftRule invoiceDraftRule() {
    return new InvoiceDraftRule();
  }
}
