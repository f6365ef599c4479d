package org.auditrail;

import org.auditrail.testapp.AuditTestApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** The audited engine on the embedded default database. */
@SpringBootTest(classes = AuditTestApplication.class)
class H2AuditedEngineTest extends AuditedEngineContract {}
