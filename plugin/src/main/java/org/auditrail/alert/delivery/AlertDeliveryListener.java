package org.auditrail.alert.delivery;

import org.auditrail.alert.AlertRaised;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands each {@link AlertRaised} application event to {@link AlertDelivery}: once the transaction that raised it has
 * committed (an alert rolled back is never sent), or at once when it was published outside a transaction.
 */
public class AlertDeliveryListener {

  private final AlertDelivery delivery;

  public AlertDeliveryListener(AlertDelivery delivery) {
    this.delivery = delivery;
  }

  @TransactionalEventListener(fallbackExecution = true)
  public void onAlertRaised(AlertRaised alert) {
    delivery.deliver(alert);
  }
}
