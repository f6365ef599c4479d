package org.auditrail.alert;

/** A rule compliance sent that cannot be kept: {@link #field()} names the part at fault, the message what is wrong. */
public class InvalidRuleException extends RuntimeException {

  private final String field;

  InvalidRuleException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The field at fault, such as {@code condition}, {@code parameters.window} or {@code channels[0].url}. */
  public String field() {
    return field;
  }
}
