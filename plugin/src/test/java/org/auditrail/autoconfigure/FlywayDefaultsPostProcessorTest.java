package org.auditrail.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class FlywayDefaultsPostProcessorTest {

  private final FlywayDefaultsPostProcessor postProcessor = new FlywayDefaultsPostProcessor();

  @Test
  void turnsSpringBootsFlywayOffForAnApplicationWithoutMigrations() {
    StandardEnvironment environment = new StandardEnvironment();
    postProcessor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("spring.flyway.enabled")).isEqualTo("false");
  }

  @Test
  void leavesAnApplicationsOwnFlywaySettingAlone() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("app",
        Map.of("spring.flyway.locations", "classpath:db/app")));
    postProcessor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("spring.flyway.enabled")).isNull();
  }
}
