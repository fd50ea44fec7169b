package org.isachub.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.isachub.distribute.member.MemberAdminException;
import org.isachub.server.ApiError;
import org.isachub.server.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of a route into {@code {"error": code, "message": text}} with the right
 * status. Messages come from {@link ApiError} and {@link MemberAdminException}, which are written
 * for the caller, or are fixed per status; nothing else (exception messages, class names, stack
 * traces) reaches the response. Unexpected exceptions are logged with a reference that the answer
 * repeats.
 */
public final class ErrorResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  private static final String WRITTEN = "isachub.error-written";
  private static final int[] STATUSES = {
    400, 401, 403, 404, 405, 408, 409, 413, 415, 429, 500, 503
  };

  private ErrorResponses() {}

  /**
   * Installs the exception and status handlers.
   *
   * @param routes the route table
   * @param json the mapper that writes the answers
   * @param metrics where error answers are counted
   * @param maxRequestBytes the body limit, for the 413 message
   */
  public static void install(
      RoutesConfig routes, ObjectMapper json, ServerMetrics metrics, long maxRequestBytes) {
    routes.exception(
        ApiError.class,
        (e, ctx) -> {
          e.headers().forEach(ctx::header);
          write(ctx, json, metrics, e.status(), e.code(), e.getMessage());
        });
    routes.exception(
        MemberAdminException.class,
        (e, ctx) -> {
          int status =
              switch (e.reason()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case FORBIDDEN -> 403;
                case UNAVAILABLE -> 503;
              };
          write(ctx, json, metrics, status, ApiError.codeOf(status), e.getMessage());
        });
    routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            write(
                ctx,
                json,
                metrics,
                e.getStatus(),
                ApiError.codeOf(e.getStatus()),
                message(e.getStatus(), maxRequestBytes)));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          String reference = UUID.randomUUID().toString();
          LOG.error(
              "event=request-failed reference={} method={} path={}",
              reference,
              ctx.method(),
              ctx.path(),
              e);
          write(
              ctx,
              json,
              metrics,
              500,
              "internal_error",
              "internal error (reference " + reference + ")");
        });
    for (int status : STATUSES) {
      routes.error(
          status,
          ctx -> {
            // A body already set (ours, or a module's own answer) is left alone.
            if (ctx.attribute(WRITTEN) == null && ctx.resultInputStream() == null) {
              write(
                  ctx,
                  json,
                  metrics,
                  status,
                  ApiError.codeOf(status),
                  message(status, maxRequestBytes));
            }
          });
    }
  }

  /**
   * Writes an error answer.
   *
   * @param ctx the request
   * @param json the mapper
   * @param metrics where it is counted
   * @param status the HTTP status
   * @param code the machine-readable code
   * @param message the text for the caller
   */
  public static void write(
      Context ctx,
      ObjectMapper json,
      ServerMetrics metrics,
      int status,
      String code,
      String message) {
    ObjectNode body = json.createObjectNode();
    body.put("error", code);
    body.put("message", message);
    ctx.attribute(WRITTEN, Boolean.TRUE);
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(body.toString());
    metrics.error(status);
  }

  /**
   * The fixed message of a status.
   *
   * @param status an HTTP status
   * @param maxRequestBytes the body limit
   * @return the message
   */
  public static String message(int status, long maxRequestBytes) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 401 -> "authentication required";
      case 403 -> "not allowed";
      case 404 -> "no such resource";
      case 405 -> "method not allowed on this resource";
      case 408 -> "the request was not received in time";
      case 409 -> "conflicts with the current state";
      case 413 -> "the request body is larger than " + maxRequestBytes + " bytes";
      case 415 -> "unsupported content type";
      case 429 -> "too many requests";
      case 431 -> "the request headers are too large";
      case 503 -> "temporarily unavailable; retry shortly";
      default -> status >= 500 ? "internal error" : "the request cannot be served";
    };
  }

  /**
   * The JSON body of an error answer, for layers below the router.
   *
   * @param status the HTTP status
   * @param maxRequestBytes the body limit
   * @return the JSON text
   */
  public static String body(int status, long maxRequestBytes) {
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("error", ApiError.codeOf(status));
    body.put("message", message(status, maxRequestBytes));
    return body.toString();
  }
}
