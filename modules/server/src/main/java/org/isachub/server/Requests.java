package org.isachub.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import org.isachub.distribute.member.Principal;
import org.jspecify.annotations.Nullable;

/** Helpers for route handlers: the authenticated caller and JSON request bodies. */
public final class Requests {

  /** Request attribute under which the authenticated {@link Principal} is kept. */
  public static final String PRINCIPAL_ATTRIBUTE = "isachub.principal";

  private Requests() {}

  /**
   * The authenticated caller of a request.
   *
   * @param ctx the request
   * @return the principal
   * @throws ApiError 401 if the route is public and so nobody was authenticated
   */
  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL_ATTRIBUTE);
    if (p == null) {
      throw new ApiError(401, "authentication required");
    }
    return p;
  }

  /**
   * The authenticated caller, if any.
   *
   * @param ctx the request
   * @return the principal, or null on a public route
   */
  public static @Nullable Principal principalOrNull(Context ctx) {
    return ctx.attribute(PRINCIPAL_ATTRIBUTE);
  }

  /**
   * Reads a JSON request body, within the server's size limit and the mapper's read limits.
   *
   * @param ctx the request
   * @param server the server context (for its JSON mapper)
   * @return the JSON tree
   * @throws ApiError 415 if the content type is not JSON, 400 if the body is not JSON, 413 if it is
   *     too large
   */
  public static JsonNode jsonBody(Context ctx, ServerContext server) {
    String type = ctx.contentType();
    if (type == null || !isJson(type)) {
      throw new ApiError(415, "send the body as application/json");
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiError.badRequest("the request body is empty; send a JSON object");
    }
    try {
      JsonNode node = server.json().readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiError.badRequest("the request body is empty; send a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ApiError.badRequest(
          "the request body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read");
    }
  }

  /**
   * Reads an optional JSON body: an empty body is an empty object.
   *
   * @param ctx the request
   * @param server the server context
   * @return the JSON tree, or an empty object
   */
  public static JsonNode optionalJsonBody(Context ctx, ServerContext server) {
    String length = ctx.header("Content-Length");
    if ((length == null || "0".equals(length.strip())) && ctx.header("Transfer-Encoding") == null) {
      return server.json().createObjectNode();
    }
    return jsonBody(ctx, server);
  }

  private static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || base.endsWith("+json");
  }
}
