package org.auditrail.autoconfigure;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The plugin brings Flyway for its own tables, which would switch on Spring Boot's Flyway for the application's
 * database too; on an existing database without a Flyway history that start fails. When the application has no
 * Flyway migrations and no Flyway settings of its own, this makes {@code spring.flyway.enabled=false} the default.
 */
public class FlywayDefaultsPostProcessor implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "auditFlywayDefaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    boolean configured = environment.containsProperty("spring.flyway.enabled")
        || environment.containsProperty("spring.flyway.locations");
    ClassLoader classLoader = application.getClassLoader() != null
        ? application.getClassLoader() : getClass().getClassLoader();
    if (!configured && classLoader.getResource("db/migration") == null) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME,
          Map.of("spring.flyway.enabled", "false")));
    }
  }
}
