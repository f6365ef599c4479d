package org.auditrail.ai;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, beside LangChain4j's {@code @Tool}, what the audit trail records of a tool: its version, and whether
 * calling it changes anything outside the process (a side effect), in which case each call gets an idempotency
 * key and a retried job replays the recorded result instead of calling it again.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuditedTool {

  /** The tool's semantic version; raise it whenever its behaviour changes. */
  String version();

  boolean sideEffects() default false;
}
