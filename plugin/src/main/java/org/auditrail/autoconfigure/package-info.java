/** Spring Boot auto-configuration: adding the plugin's jar to a Camunda Spring Boot application is all it takes. */
package org.auditrail.autoconfigure;
