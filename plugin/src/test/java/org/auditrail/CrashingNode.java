package org.auditrail;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.auditrail.testapp.AuditTestApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node that works until it is killed: {@link CrashRecoveryTest} starts it in a JVM of its own, with the Spring
 * arguments it is given, so that the test can kill it with SIGKILL in the middle of engine and sealing transactions.
 */
public final class CrashingNode {

  static final int WORKERS = 3;

  private CrashingNode() {}

  public static void main(String[] args) throws InterruptedException {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(AuditTestApplication.class)
        .web(WebApplicationType.NONE).run(args);
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    String node = context.getEnvironment().getProperty("spring.application.name");
    for (int i = 0; i < WORKERS; i++) {
      String worker = node + "-" + i;
      Thread thread = new Thread(() -> work(engine, worker), "crash-worker-" + i);
      thread.setDaemon(true);
      thread.start();
    }
    System.out.println("crashing node " + node + " is working");
    new CountDownLatch(1).await();
  }

  /**
   * Forever: a case whose user task is completed (one in ten fails in the same transaction, which rolls back),
   * then a booking whose async job the job executor runs (one in ten fails until it becomes an incident).
   */
  private static void work(ProcessEngine engine, String worker) {
    for (long i = 0; ; i++) {
      boolean fail = ThreadLocalRandom.current().nextInt(10) == 0;
      String businessKey = "crash-" + worker + "-" + i;
      try {
        if (i % 2 == 0) {
          ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("rollbackCase",
              businessKey, Map.of("fail", fail));
          Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
          engine.getTaskService().complete(task.getId());
        } else {
          engine.getRuntimeService().startProcessInstanceByKey("fragileBooking", businessKey, Map.of("fail", fail));
        }
      } catch (RuntimeException e) {
        if (!fail) {
          System.out.println(businessKey + " failed unexpectedly: " + e);
        }
      }
    }
  }
}
