package org.auditrail.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SiemSettingsTest {

  @Test
  void theRetryPauseDoublesWithEachFailureUpToTheLongest() {
    SiemSettings settings = new SiemSettings(Duration.ofSeconds(1), 500, Duration.ofSeconds(5),
        Duration.ofSeconds(30));

    assertThat(settings.retryAfter(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.retryAfter(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.retryAfter(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.retryAfter(4)).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.retryAfter(1_000_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aBatchSizeBelowOneIsRefused() {
    assertThatThrownBy(() -> new SiemSettings(Duration.ofSeconds(1), 0, Duration.ofSeconds(5),
        Duration.ofMinutes(5)))
        .isInstanceOf(SiemConfigurationException.class)
        .hasMessage("AUDIT-197 audit.siem.batch-size must be at least 1, but was 0");
  }
}
