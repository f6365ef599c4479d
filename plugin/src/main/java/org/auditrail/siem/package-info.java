/** The SIEM stream: every sealed event, in log order and with its log index, to syslog and OTLP collectors. */
package org.auditrail.siem;
