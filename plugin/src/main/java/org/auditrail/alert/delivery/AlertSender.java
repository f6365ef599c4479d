package org.auditrail.alert.delivery;

import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.AlertRaised;

/** Hands an alert to one kind of channel ({@link AlertChannel#type()}): a webhook, an email address. */
public interface AlertSender {

  /** The channel type this sender serves, such as {@link AlertChannel#WEBHOOK}. */
  String channelType();

  /**
   * Delivers the alert to the channel's target and returns what the target answered (for the delivery log).
   *
   * @throws DeliveryRefusedException when the channel cannot take it and trying again would not help
   * @throws Exception when this attempt failed; it is tried again after a pause
   */
  String send(AlertRaised alert, AlertChannel channel) throws Exception;
}
