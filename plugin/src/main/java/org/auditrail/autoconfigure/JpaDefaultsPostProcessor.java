package org.auditrail.autoconfigure;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The alert tables are Flyway's (V18): Hibernate may only validate them. Spring Boot's own default on an embedded
 * database such as H2 is {@code create-drop}, which would drop them at shutdown, so unless the application chose
 * otherwise, this makes {@code spring.jpa.hibernate.ddl-auto=validate} the default.
 */
public class JpaDefaultsPostProcessor implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "auditJpaDefaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.containsProperty("spring.jpa.hibernate.ddl-auto")) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME,
          Map.of("spring.jpa.hibernate.ddl-auto", "validate")));
    }
  }
}
