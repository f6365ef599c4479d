package org.auditrail.web;

import jakarta.ws.rs.Path;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/**
 * Serves the Cockpit plugin's script ({@code app/plugin.js}) under Cockpit's API, where the webapps load every
 * plugin's script from; Cockpit's own allow-list limits it to {@code app/plugin.js} and {@code app/plugin.css}.
 */
@Path("plugin/" + AuditTrailCockpitPlugin.ID)
public class AuditTrailCockpitResource extends AbstractCockpitPluginRootResource {

  public AuditTrailCockpitResource() {
    super(AuditTrailCockpitPlugin.ID);
  }
}
