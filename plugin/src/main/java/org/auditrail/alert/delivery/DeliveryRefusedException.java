package org.auditrail.alert.delivery;

/** A channel that cannot take an alert however often it is tried (a URL that is not http(s), a redirect). */
public class DeliveryRefusedException extends Exception {

  public DeliveryRefusedException(String reason) {
    super(reason);
  }
}
