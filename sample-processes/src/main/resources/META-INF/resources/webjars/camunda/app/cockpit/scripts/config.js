// Cockpit's configuration in the sample application: adds Auditrail's Cockpit plugins (the Audit trail tab, the
// diagram badges and the evidence bundle download), which the plugin jar ships under app/cockpit/auditrail/.
export default {
  customScripts: ['auditrail/audit-trail']
};
