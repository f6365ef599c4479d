package org.auditrail.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/**
 * The demo passwords work on the embedded demo database only; on any other the application refuses to start, before
 * the engine creates a user, and says which property to set.
 */
class DemoPasswordsTest {

  private static final String POSTGRES = "jdbc:postgresql://localhost:1/auditrail";

  @Test
  void theApplicationRefusesToStartOnPostgresqlWithTheDemoAdministratorPassword() {
    DemoPasswordException refused = catchThrowableOfType(DemoPasswordException.class, () ->
        new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.NONE)
            .run("--spring.datasource.url=" + POSTGRES, "--sample.demo-password=a-real-secret"));

    assertThat(refused).hasMessage("AUDIT-080 the administrator 'demo' would have a demo password (its user id or"
        + " 'demo') outside the embedded demo database; set camunda.bpm.admin-user.password");
    FailureAnalysis analysis = new DemoPasswordFailureAnalyzer().analyze(refused);
    assertThat(analysis.getDescription()).isEqualTo(refused.getMessage());
    assertThat(analysis.getAction()).isEqualTo("Set camunda.bpm.admin-user.password to a password of your own (in"
        + " docker-compose, through its variable in your shell or an .env file that is not committed).");
  }

  @Test
  void theApplicationRefusesToStartOnPostgresqlWithDemoUsersWhosePasswordIsTheirId() {
    DemoPasswordException refused = catchThrowableOfType(DemoPasswordException.class, () ->
        new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.NONE)
            .run("--spring.datasource.url=" + POSTGRES, "--camunda.bpm.admin-user.password=a-real-secret"));

    assertThat(refused).hasMessage("AUDIT-081 the demo users would have a demo password (their user id or 'demo')"
        + " outside the embedded demo database; set sample.demo-password, or switch them off with"
        + " sample.demo-users.enabled=false");
    assertThat(new DemoPasswordFailureAnalyzer().analyze(refused).getAction())
        .startsWith("Set sample.demo-password to a password of your own");
  }

  @Test
  void demoUsersWithAPasswordOfAnotherDemoUserAreRefusedToo() {
    assertThatThrownBy(() -> DemoPasswords.refuseOutsideTheDemoDatabase(postgres()
        .withProperty("sample.demo-password", "alice"))).isInstanceOf(DemoPasswordException.class)
        .hasMessageStartingWith("AUDIT-081 ");
    assertThatThrownBy(() -> DemoPasswords.refuseOutsideTheDemoDatabase(postgres()
        .withProperty("camunda.bpm.admin-user.password", "demo"))).hasMessageStartingWith("AUDIT-080 ");
    assertThatThrownBy(() -> DemoPasswords.refuseOutsideTheDemoDatabase(postgres()
        .withProperty("camunda.bpm.admin-user.password", ""))).hasMessageStartingWith("AUDIT-080 ");
  }

  @Test
  void ownPasswordsOrSwitchedOffDemoUsersStartOnPostgresql() {
    DemoPasswords.refuseOutsideTheDemoDatabase(postgres().withProperty("sample.demo-password", "a-real-secret"));
    DemoPasswords.refuseOutsideTheDemoDatabase(postgres().withProperty("sample.demo-users.enabled", "false")
        .withProperty("sample.demo-password", ""));
  }

  @Test
  void theEmbeddedDemoDatabaseKeepsTheDemoPasswords() {
    DemoPasswords.refuseOutsideTheDemoDatabase(new MockEnvironment()
        .withProperty("spring.datasource.url", "jdbc:h2:file:./data/auditrail;AUTO_SERVER=FALSE")
        .withProperty("camunda.bpm.admin-user.id", "demo").withProperty("camunda.bpm.admin-user.password", "demo"));
    DemoPasswords.refuseOutsideTheDemoDatabase(new MockEnvironment()
        .withProperty("spring.datasource.url", "jdbc:h2:mem:test").withProperty("camunda.bpm.admin-user.id", "demo"));
  }

  /** A PostgreSQL set-up with an own admin password and the demo users on, as docker-compose with DEMO_USERS=true. */
  private static MockEnvironment postgres() {
    return new MockEnvironment().withProperty("spring.datasource.url", POSTGRES)
        .withProperty("camunda.bpm.admin-user.id", "demo")
        .withProperty("camunda.bpm.admin-user.password", "a-real-admin-secret");
  }
}
