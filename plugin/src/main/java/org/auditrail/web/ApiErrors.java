package org.auditrail.web;

import jakarta.servlet.http.HttpServletRequest;
import org.auditrail.AuditLogger;
import org.auditrail.capture.ActionNotRecordedException;
import org.auditrail.privacy.ErasedSubjectException;
import org.auditrail.privacy.ErasureIncompleteException;
import org.auditrail.privacy.UnknownSubjectException;
import org.auditrail.privacy.UnknownTokenException;
import org.auditrail.trail.CaseBundleExporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one error handler of the plugin's endpoints (and of application controllers marked
 * {@link ProblemResponses}): every refusal becomes a problem detail of the same shape, see {@link Problems}.
 */
@RestControllerAdvice(annotations = ProblemResponses.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {

  @ExceptionHandler(ApiProblemException.class)
  public ResponseEntity<String> refused(ApiProblemException e, HttpServletRequest request) {
    return answer(e.status(), e.code(), e.parameter(), e.getMessage(), request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  public ResponseEntity<String> missingParameter(MissingServletRequestParameterException e,
      HttpServletRequest request) {
    return answer(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getParameterName(),
        "parameter '" + e.getParameterName() + "' is required", request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ResponseEntity<String> malformedParameter(MethodArgumentTypeMismatchException e,
      HttpServletRequest request) {
    return answer(HttpStatus.BAD_REQUEST, "invalid_parameter", e.getName(),
        "'" + e.getName() + "' must be a whole number, but was: " + e.getValue(), request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<String> unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
    if (e.getCause() instanceof BodyLimit.TooLarge tooLarge) {
      return answer(HttpStatus.PAYLOAD_TOO_LARGE, "body_too_large", Problems.BODY, tooLarge.getMessage(), request);
    }
    return answer(HttpStatus.BAD_REQUEST, "invalid_body", Problems.BODY,
        "the body is not valid JSON: " + e.getMostSpecificCause().getMessage(), request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  public ResponseEntity<String> unsupportedMediaType(HttpMediaTypeNotSupportedException e,
      HttpServletRequest request) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Content-Type",
        "the body must be application/json, but was: " + e.getContentType(), request);
  }

  @ExceptionHandler({UnknownSubjectException.class, UnknownTokenException.class})
  public ResponseEntity<String> unknown(RuntimeException e, HttpServletRequest request) {
    return answer(HttpStatus.NOT_FOUND, "not_found", null, e.getMessage(), request);
  }

  @ExceptionHandler(ErasedSubjectException.class)
  public ResponseEntity<String> erased(ErasedSubjectException e, HttpServletRequest request) {
    return answer(HttpStatus.GONE, "erased", null, e.getMessage(), request);
  }

  /** The subject is not erased yet; what was removed is recorded, and the same request again finishes it. */
  @ExceptionHandler(ErasureIncompleteException.class)
  public ResponseEntity<String> erasureIncomplete(ErasureIncompleteException e, HttpServletRequest request) {
    return answer(HttpStatus.SERVICE_UNAVAILABLE, "erasure_incomplete", null, e.getMessage(), request);
  }

  @ExceptionHandler(CaseBundleExporter.NotYetSealed.class)
  public ResponseEntity<String> notYetSealed(CaseBundleExporter.NotYetSealed e, HttpServletRequest request) {
    return answer(HttpStatus.CONFLICT, "not_yet_sealed", null, e.getMessage(), request);
  }

  /** The action was not carried out because its audit event could not be written: worth a retry later. */
  @ExceptionHandler(ActionNotRecordedException.class)
  public ResponseEntity<String> notRecorded(ActionNotRecordedException e, HttpServletRequest request) {
    return answer(HttpStatus.SERVICE_UNAVAILABLE, "not_recorded", null, "the request was not carried out, because"
        + " its audit event could not be written; the server log has the cause", request);
  }

  /** Anything else is the server's fault: logged with its cause, answered without internals. */
  @ExceptionHandler(RuntimeException.class)
  public ResponseEntity<String> failed(RuntimeException e, HttpServletRequest request) {
    AuditLogger.apiRequestFailed(request.getMethod(), request.getRequestURI(), e);
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", null,
        "the request could not be completed; the server log has the cause", request);
  }

  private static ResponseEntity<String> answer(HttpStatus status, String code, String parameter, String detail,
      HttpServletRequest request) {
    return Problems.response(Problems.of(status, code, parameter, detail, request));
  }
}
