package org.auditrail.web;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered by {@link ApiErrors} as a problem detail with this status, stable machine
 * {@code code} and, where one is at fault, the {@code parameter} (query or path parameter, body field, header).
 */
public class ApiProblemException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String parameter;

  public ApiProblemException(HttpStatus status, String code, String parameter, String detail) {
    this(status, code, parameter, detail, null);
  }

  public ApiProblemException(HttpStatus status, String code, String parameter, String detail, Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }

  /** 400 {@code invalid_parameter}: the message names the parameter and quotes the bad value. */
  public static ApiProblemException invalidParameter(String parameter, String detail) {
    return new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_parameter", parameter, detail);
  }

  /** 400 {@code invalid_body}: the body as a whole is not what the endpoint takes. */
  public static ApiProblemException invalidBody(String detail) {
    return new ApiProblemException(HttpStatus.BAD_REQUEST, "invalid_body", Problems.BODY, detail);
  }

  /** 404 with a code saying what was not found, such as {@code unknown_case}. */
  public static ApiProblemException notFound(String code, String parameter, String detail) {
    return new ApiProblemException(HttpStatus.NOT_FOUND, code, parameter, detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String parameter() {
    return parameter;
  }
}
