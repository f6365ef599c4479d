package org.auditrail.alert;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Every delivery attempt, in the order made. */
public interface DeliveryAttemptRepository extends JpaRepository<DeliveryAttempt, Long> {

  List<DeliveryAttempt> findByAlertIdOrderByIdAsc(String alertId);
}
