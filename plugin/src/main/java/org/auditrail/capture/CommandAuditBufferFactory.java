package org.auditrail.capture;

import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** Opens one {@link CommandAuditBuffer} per engine command, on its first event. */
final class CommandAuditBufferFactory implements SessionFactory {

  private final AuditRecorder recorder;

  CommandAuditBufferFactory(AuditRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public Class<?> getSessionType() {
    return CommandAuditBuffer.class;
  }

  @Override
  public Session openSession() {
    return new CommandAuditBuffer(recorder);
  }
}
