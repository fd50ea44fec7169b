package org.isachub.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.isachub.distribute.member.Actor;
import org.isachub.distribute.member.MemberAdmin;
import org.isachub.distribute.member.MemberJson;
import org.isachub.distribute.member.SubscriptionSpec;
import org.isachub.server.Access;
import org.isachub.server.ApiError;
import org.isachub.server.Requests;
import org.isachub.server.ServerContext;
import org.isachub.server.ServerModule;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Subscription;

/**
 * The admin API, for the {@code admin} role only.
 *
 * <ul>
 *   <li>{@code GET /api/v1/admin/members}, {@code POST /api/v1/admin/members} (201 with the new
 *       member's token, shown once)
 *   <li>{@code GET /api/v1/admin/members/{id}}
 *   <li>{@code POST /api/v1/admin/members/{id}/disable}, {@code .../enable}
 *   <li>{@code POST /api/v1/admin/members/{id}/tokens}: rotate (201 with the new token, shown once;
 *       every older token revoked); optional body {@code {"expires_in_days": n}}
 *   <li>{@code DELETE /api/v1/admin/members/{id}/tokens/{tokenId}}: revoke one token
 *   <li>{@code GET /api/v1/admin/subscriptions[?member=id]}, {@code POST
 *       /api/v1/admin/subscriptions}
 *   <li>{@code GET /api/v1/admin/subscriptions/{id}}, {@code POST
 *       /api/v1/admin/subscriptions/{id}/disable}
 * </ul>
 */
public final class AdminModule implements ServerModule {

  private static final String BASE = "/api/v1/admin";
  private static final int MAX_TOKEN_DAYS = 3650;

  @Override
  public void register(RoutesConfig routes, ServerContext context) {
    MemberAdmin admin = context.admin();
    routes.get(
        BASE + "/members",
        ctx -> {
          ArrayNode list = context.json().createArrayNode();
          Instant now = context.clock().instant();
          context.directory().members().forEach(m -> list.add(MemberJson.view(m, now)));
          ObjectNode body = context.json().createObjectNode();
          body.set("members", list);
          json(ctx, 200, body);
        },
        Access.ADMIN);
    routes.post(
        BASE + "/members",
        ctx -> {
          JsonNode in = Requests.jsonBody(ctx, context);
          MemberAdmin.Issued issued = admin.addMember(MemberJson.memberSpec(in), actor(ctx));
          json(ctx, 201, issuedBody(context, issued));
        },
        Access.ADMIN);
    routes.get(
        BASE + "/members/{id}",
        ctx -> json(ctx, 200, MemberJson.view(member(context, ctx), context.clock().instant())),
        Access.ADMIN);
    routes.post(
        BASE + "/members/{id}/disable",
        ctx -> {
          Member m = admin.disableMember(member(context, ctx).getId(), actor(ctx));
          json(ctx, 200, MemberJson.view(m, context.clock().instant()));
        },
        Access.ADMIN);
    routes.post(
        BASE + "/members/{id}/enable",
        ctx -> {
          Member m = admin.enableMember(member(context, ctx).getId(), actor(ctx));
          json(ctx, 200, MemberJson.view(m, context.clock().instant()));
        },
        Access.ADMIN);
    routes.post(
        BASE + "/members/{id}/tokens",
        ctx -> {
          String id = member(context, ctx).getId();
          JsonNode in = Requests.optionalJsonBody(ctx, context);
          Duration validFor = validity(in);
          MemberAdmin.Issued issued = admin.rotateToken(id, validFor, actor(ctx));
          json(ctx, 201, issuedBody(context, issued));
        },
        Access.ADMIN);
    routes.delete(
        BASE + "/members/{id}/tokens/{tokenId}",
        ctx -> {
          Member m =
              admin.revokeToken(member(context, ctx).getId(), ctx.pathParam("tokenId"), actor(ctx));
          json(ctx, 200, MemberJson.view(m, context.clock().instant()));
        },
        Access.ADMIN);
    routes.get(
        BASE + "/subscriptions",
        ctx -> {
          String member = ctx.queryParam("member");
          List<Subscription> subs =
              member == null
                  ? context.directory().subscriptions()
                  : context.directory().subscriptionsOf(member);
          json(ctx, 200, subscriptionList(context, subs));
        },
        Access.ADMIN);
    routes.post(
        BASE + "/subscriptions",
        ctx -> {
          JsonNode in = Requests.jsonBody(ctx, context);
          SubscriptionSpec spec = MemberJson.subscriptionSpec(in, null, null);
          json(ctx, 201, MemberJson.view(admin.addSubscription(spec, actor(ctx))));
        },
        Access.ADMIN);
    routes.get(
        BASE + "/subscriptions/{id}",
        ctx -> json(ctx, 200, MemberJson.view(subscription(context, ctx.pathParam("id")))),
        Access.ADMIN);
    routes.post(
        BASE + "/subscriptions/{id}/disable",
        ctx -> {
          String id = subscription(context, ctx.pathParam("id")).getId();
          json(ctx, 200, MemberJson.view(admin.disableSubscription(id, actor(ctx))));
        },
        Access.ADMIN);
  }

  static ObjectNode subscriptionList(ServerContext context, List<Subscription> subs) {
    ArrayNode list = context.json().createArrayNode();
    subs.forEach(s -> list.add(MemberJson.view(s)));
    ObjectNode body = context.json().createObjectNode();
    body.set("subscriptions", list);
    return body;
  }

  static Subscription subscription(ServerContext context, String id) {
    return context
        .directory()
        .subscription(id)
        .orElseThrow(() -> ApiError.notFound("no subscription '" + shorten(id) + "'"));
  }

  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(body.toString());
  }

  static Actor actor(Context ctx) {
    return new Actor(Requests.principal(ctx).memberId(), "api");
  }

  static String shorten(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }

  private static Member member(ServerContext context, Context ctx) {
    String id = ctx.pathParam("id");
    return context
        .directory()
        .member(id)
        .orElseThrow(() -> ApiError.notFound("no member '" + shorten(id) + "'"));
  }

  private static ObjectNode issuedBody(ServerContext context, MemberAdmin.Issued issued) {
    ObjectNode body = context.json().createObjectNode();
    body.set("member", MemberJson.view(issued.member(), context.clock().instant()));
    body.put("token_id", issued.member().getTokens().get(0).getTokenId());
    body.put("token", issued.token());
    body.put("note", "the token is shown only this once; store it now");
    return body;
  }

  private static @org.jspecify.annotations.Nullable Duration validity(JsonNode in) {
    if (!in.isObject()) {
      throw ApiError.badRequest("send a JSON object, e.g. {\"expires_in_days\": 90}, or nothing");
    }
    java.util.Iterator<String> names = in.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("expires_in_days")) {
        throw ApiError.badRequest("unknown field " + shorten(name) + "; only expires_in_days");
      }
    }
    JsonNode days = in.get("expires_in_days");
    if (days == null || days.isNull()) {
      return null;
    }
    if (!days.isIntegralNumber() || days.asLong() < 1 || days.asLong() > MAX_TOKEN_DAYS) {
      throw ApiError.badRequest("expires_in_days: a whole number from 1 to " + MAX_TOKEN_DAYS);
    }
    return Duration.ofDays(days.asLong());
  }
}
