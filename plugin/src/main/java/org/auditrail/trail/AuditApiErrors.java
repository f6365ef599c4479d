package org.auditrail.trail;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns every bad request to the audit API into a JSON error that names the parameter. */
@RestControllerAdvice(assignableTypes = {AuditTrailController.class, LogProofController.class,
    CaseBundleController.class, ReviewStatsController.class})
public class AuditApiErrors {

  @ExceptionHandler(InvalidFilterException.class)
  public ResponseEntity<String> invalidParameter(InvalidFilterException e) {
    return ApiError.response(HttpStatus.BAD_REQUEST, "invalid_parameter", e.parameter(), e.getMessage());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  public ResponseEntity<String> missingParameter(MissingServletRequestParameterException e) {
    return ApiError.response(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getParameterName(),
        "parameter '" + e.getParameterName() + "' is required");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ResponseEntity<String> malformedParameter(MethodArgumentTypeMismatchException e) {
    return ApiError.response(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getName(),
        "'" + e.getName() + "' must be a whole number, but was: " + e.getValue());
  }

  @ExceptionHandler(LogProofController.NotFound.class)
  public ResponseEntity<String> notFound(LogProofController.NotFound e) {
    return e.response();
  }

  @ExceptionHandler(CaseBundleExporter.NotYetSealed.class)
  public ResponseEntity<String> notYetSealed(CaseBundleExporter.NotYetSealed e) {
    return ApiError.response(HttpStatus.CONFLICT, "not_yet_sealed", null, e.getMessage());
  }
}
