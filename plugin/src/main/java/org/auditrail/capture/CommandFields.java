package org.auditrail.capture;

import java.lang.reflect.Field;

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
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (T) field.get(command);
      } catch (NoSuchFieldException e) {
        // declared further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("AUDIT-155 field '" + name + "' of " + command.getClass().getName()
            + " cannot be read: " + e.getMessage(), e);
      }
    }
    throw new IllegalStateException("AUDIT-155 " + command.getClass().getName() + " has no field '" + name
        + "'; this Camunda version is not one the audit plugin supports");
  }
}
