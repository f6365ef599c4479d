package org.auditrail.alert;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The stored rules. */
public interface AlertRuleRepository extends JpaRepository<AlertRule, String> {

  List<AlertRule> findAllByOrderByCreatedAtAscIdAsc();
}
