package org.auditrail.alert;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The stored alerts, newest first. */
public interface AlertRepository extends JpaRepository<Alert, String> {

  List<Alert> findByStateOrderByRaisedAtDesc(Alert.State state);

  List<Alert> findAllByOrderByRaisedAtDesc();

  List<Alert> findByTraceIdOrderByRaisedAtDesc(String traceId);

  List<Alert> findByTraceIdAndStateOrderByRaisedAtDesc(String traceId, Alert.State state);

  List<Alert> findByRaisedAtGreaterThanEqualAndRaisedAtLessThanOrderByRaisedAtAsc(Instant from, Instant to);
}
