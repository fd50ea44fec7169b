package org.isachub.server;

import java.util.Map;

/**
 * An error answer: thrown by a route handler, written as {@code {"error": code, "message":
 * message}} with the status. The message is shown to the caller, so it must say what is wrong with
 * the request and nothing about the server's insides.
 */
public final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, String> headers;

  /**
   * Creates the error.
   *
   * @param status the HTTP status
   * @param code a stable machine-readable code, e.g. {@code bad_request}
   * @param message what is wrong, for people
   * @param headers extra response headers, e.g. {@code Retry-After}
   */
  public ApiError(int status, String code, String message, Map<String, String> headers) {
    // No stack trace: this is an answer, not a fault.
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  /**
   * Creates the error with the code that goes with the status.
   *
   * @param status the HTTP status
   * @param message what is wrong, for people
   */
  public ApiError(int status, String message) {
    this(status, codeOf(status), message, Map.of());
  }

  /**
   * 400: the request is malformed.
   *
   * @param message what is wrong
   * @return the error
   */
  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  /**
   * 403: the caller may not do this.
   *
   * @param message what was refused
   * @return the error
   */
  public static ApiError forbidden(String message) {
    return new ApiError(403, message);
  }

  /**
   * 404: no such thing.
   *
   * @param message what was not found
   * @return the error
   */
  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  /**
   * The HTTP status.
   *
   * @return e.g. 400
   */
  public int status() {
    return status;
  }

  /**
   * The machine-readable code.
   *
   * @return e.g. {@code bad_request}
   */
  public String code() {
    return code;
  }

  /**
   * Extra response headers.
   *
   * @return headers by name
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The code the hub uses for a status.
   *
   * @param status an HTTP status
   * @return e.g. {@code not_found} for 404
   */
  public static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "request_timeout";
      case 409 -> "conflict";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "too_many_requests";
      case 431 -> "headers_too_large";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal_error" : "error";
    };
  }
}
