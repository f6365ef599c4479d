/**
 * Delivery of raised alerts to people: a JSON POST to a webhook and a plain-text email, each retried with back-off
 * on a pool of its own, every attempt recorded through {@link org.auditrail.alert.DeliveryLog}.
 */
package org.auditrail.alert.delivery;
