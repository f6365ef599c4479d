package org.auditrail;

import org.auditrail.testapp.AuditTestApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** AI tasks on the embedded default database. */
@SpringBootTest(classes = {AuditTestApplication.class, AiTaskContract.AiBeans.class})
class H2AiTaskTest extends AiTaskContract {}
