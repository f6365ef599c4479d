/**
 * Alerts: rules that compliance manages at run time, evaluated on sealed events; the alerts they raise
 * ({@code alert_raised}, sealed) and their delivery to people (webhook, email).
 */
package org.auditrail.alert;
