package org.auditrail.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.auditrail.seal.LogProofs;
import org.auditrail.seal.LogVerification;
import org.auditrail.seal.ScheduledWork;
import org.auditrail.seal.Sequencer;
import org.auditrail.seal.SigningKeys;
import org.auditrail.store.AuditStore;
import org.auditrail.verify.NoteSigner;
import org.auditrail.verify.NoteVerifier;
import org.auditrail.verify.log.VerificationBounds;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tamper-evident Merkle log: the checkpoint signing key, the background sequencer and the proofs. */
@AutoConfiguration(after = AuditAutoConfiguration.class,
    afterName = "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration")
@ConditionalOnBean(ProcessEngine.class)
@ConditionalOnProperty(prefix = "audit", name = "enabled", matchIfMissing = true)
public class AuditLogAutoConfiguration {

  /** Reads the log's latest checkpoint, to tell a first start from a lost key. */
  @Bean
  @ConditionalOnMissingBean
  NoteSigner auditCheckpointSigner(LogProofs proofs, AuditProperties properties) {
    return SigningKeys.load(properties.getLog().getSigningKey(), properties.getLog().getKeyName(),
        proofs.latestCheckpoint().map(LogProofs.StoredCheckpoint::signedNote), previousKeys(properties));
  }

  /** The node's background tasks, whose failures the log's status reports as degraded. */
  @Bean
  @ConditionalOnMissingBean
  ScheduledWork auditScheduledWork() {
    return new ScheduledWork();
  }

  /** Seals in the background once the engine is up. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Sequencer auditLogSequencer(ProcessEngine processEngine, AuditStore store, NoteSigner signer,
      AuditProperties properties, ScheduledWork scheduledWork) {
    Sequencer sequencer = new Sequencer(store, signer, properties.getLog().toSettings(), Clock.systemUTC(),
        scheduledWork);
    if (properties.getLog().isSealingEnabled()) {
      sequencer.start();
    }
    return sequencer;
  }

  @Bean
  @ConditionalOnMissingBean
  LogVerification auditLogVerification(AuditStore store, NoteSigner signer, AuditProperties properties) {
    List<NoteVerifier> trusted = new ArrayList<>();
    trusted.add(signer.verifier());
    trusted.addAll(previousKeys(properties));
    AuditProperties.Log log = properties.getLog();
    return new LogVerification(store.transactions(), log.getAnchorDirectory(), trusted, log.getOrigin(),
        new VerificationBounds(log.getVerifyMaxSealDelay(), log.getVerifyMaxUnsignedAge(), Clock.systemUTC()));
  }

  @Bean
  @ConditionalOnMissingBean
  LogProofs auditLogProofs(AuditStore store) {
    return new LogProofs(store.transactions());
  }

  private static List<NoteVerifier> previousKeys(AuditProperties properties) {
    return properties.getLog().getPreviousPublicKeys().stream().map(PreviousKeys::parse).toList();
  }

  /** Publishes the sealing lag and health when Micrometer is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {

    @Bean
    @ConditionalOnMissingBean
    AuditLogMetrics auditLogMetrics(Sequencer sequencer) {
      return new AuditLogMetrics(sequencer);
    }
  }
}
