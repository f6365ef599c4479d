package org.auditrail.capture;

import java.lang.reflect.Field;
import org.auditrail.AuditLogger;

/**
 * Reads a field of one of Camunda's commands. The external task commands keep what a worker submitted (worker id,
 * variables, error message) in protected fields without accessors; the engine version is fixed by the plugin, and
 * a field that is not there any more fails the command with a message that names it, rather than going unrecorded.
 */
final class CommandFields {

  private CommandFields() {}

  @SuppressWarnings("unchecked")
  static <T> T read(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      Field field;
      try {
        field = type.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        continue; // declared further up
      }
      try {
        field.setAccessible(true);
        return (T) field.get(command);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw AuditLogger.externalTaskCommandUnreadable(command.getClass().getName(), name, e);
      }
    }
    throw AuditLogger.externalTaskCommandUnreadable(command.getClass().getName(), name, null);
  }
}
