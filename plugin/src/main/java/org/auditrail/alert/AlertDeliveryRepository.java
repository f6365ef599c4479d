package org.auditrail.alert;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Every delivery attempt, in the order made. */
public interface AlertDeliveryRepository extends JpaRepository<AlertDelivery, Long> {

  List<AlertDelivery> findByAlertIdOrderByIdAsc(String alertId);
}
