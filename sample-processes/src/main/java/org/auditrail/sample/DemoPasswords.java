package org.auditrail.sample;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The demo passwords (the admin's {@code demo}, each demo user's own id) are for the embedded demo database only:
 * anywhere else the application refuses to start, before the engine creates a single user.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleProperties.class)
class DemoPasswords {

  /** The default file database of application.yaml, and the in-memory ones tests use. */
  private static final String DEMO_DATABASE = "jdbc:h2:file:./data/auditrail";
  private static final String IN_MEMORY = "jdbc:h2:mem:";

  // Static and a bean factory post-processor, so that it runs before any bean, the engine's included, is created.
  @Bean
  static BeanFactoryPostProcessor demoPasswordCheck(Environment environment) {
    return beanFactory -> refuseOutsideTheDemoDatabase(environment);
  }

  static void refuseOutsideTheDemoDatabase(Environment environment) {
    Binder binder = Binder.get(environment);
    String url = binder.bind("spring.datasource.url", String.class).orElse("");
    if (url.startsWith(DEMO_DATABASE) || url.startsWith(IN_MEMORY)) {
      return;
    }
    String adminId = binder.bind("camunda.bpm.admin-user.id", String.class).orElse(null);
    if (adminId != null) {
      // The starter gives the admin its user id as password when none is set.
      String password = binder.bind("camunda.bpm.admin-user.password", String.class).orElse(adminId);
      if (password.isEmpty() || password.equals(adminId) || password.equals("demo")) {
        throw DemoPasswordException.adminPassword(adminId);
      }
    }
    SampleProperties sample = binder.bindOrCreate("sample", SampleProperties.class);
    if (sample.getDemoUsers().isEnabled() && isDemoPassword(sample.getDemoPassword())) {
      throw DemoPasswordException.demoUsersPassword();
    }
  }

  private static boolean isDemoPassword(String password) {
    return password.isEmpty() || password.equals("demo")
        || DemoUsers.USERS.stream().anyMatch(user -> user.id().equals(password));
  }
}
