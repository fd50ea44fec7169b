package org.isachub.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.isachub.distribute.member.MemberJson;
import org.isachub.distribute.member.Principal;
import org.isachub.distribute.member.SubscriptionSpec;
import org.isachub.server.ApiError;
import org.isachub.server.Requests;
import org.isachub.server.ServerContext;
import org.isachub.server.ServerModule;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Subscription;

/**
 * A member's own account, for every authenticated role.
 *
 * <ul>
 *   <li>{@code GET /api/v1/me}: who the caller is, its role and clearance
 *   <li>{@code GET /api/v1/subscriptions}: its subscriptions ({@code ?member=} may name only
 *       itself)
 *   <li>{@code GET /api/v1/subscriptions/{id}}: one of its subscriptions; another member's is 403
 *   <li>{@code PUT /api/v1/subscriptions}: create or replace one of its subscriptions. The body is
 *       a subscription; {@code member} may be left out and must otherwise name the caller; a new
 *       {@code id} must start with the caller's id and '-' (one is made up when left out). What a
 *       subscription delivers is capped by the caller's clearance, which the answer repeats.
 * </ul>
 */
public final class AccountModule implements ServerModule {

  @Override
  public void register(RoutesConfig routes, ServerContext context) {
    routes.get("/api/v1/me", ctx -> me(ctx, context));
    routes.get(
        "/api/v1/subscriptions",
        ctx -> {
          Principal p = Requests.principal(ctx);
          String member = ctx.queryParam("member");
          if (member != null && !member.equals(p.memberId())) {
            throw ApiError.forbidden("a member may read only its own subscriptions");
          }
          ObjectNode body =
              AdminModule.subscriptionList(
                  context, context.directory().subscriptionsOf(p.memberId()));
          body.put("clearance", p.clearance().name());
          AdminModule.json(ctx, 200, body);
        });
    routes.get(
        "/api/v1/subscriptions/{id}",
        ctx -> {
          Principal p = Requests.principal(ctx);
          Subscription s = AdminModule.subscription(context, ctx.pathParam("id"));
          if (!s.getMember().equals(p.memberId())) {
            throw ApiError.forbidden("a member may read only its own subscriptions");
          }
          AdminModule.json(ctx, 200, capped(MemberJson.view(s), p));
        });
    routes.put("/api/v1/subscriptions", ctx -> put(ctx, context));
  }

  private static void me(Context ctx, ServerContext context) {
    Principal p = Requests.principal(ctx);
    Member m =
        context
            .directory()
            .member(p.memberId())
            .orElseThrow(() -> new ApiError(401, "authentication required"));
    ObjectNode body = context.json().createObjectNode();
    body.put("member", m.getId());
    body.put("display_name", m.getDisplayName());
    body.put("kind", MemberJson.kindName(m.getKind()));
    body.put("role", p.role().wireName());
    body.put("clearance", p.clearance().name());
    if (m.getJurisdiction() == null) {
      body.putNull("jurisdiction");
    } else {
      body.put("jurisdiction", m.getJurisdiction());
    }
    body.put("token_id", p.tokenId());
    AdminModule.json(ctx, 200, body);
  }

  private static void put(Context ctx, ServerContext context) {
    Principal p = Requests.principal(ctx);
    JsonNode in = Requests.jsonBody(ctx, context);
    JsonNode member = in.get("member");
    if (member != null && !member.isNull() && !p.memberId().equals(member.asText())) {
      throw ApiError.forbidden("a member may save only its own subscriptions");
    }
    JsonNode idNode = in.get("id");
    String id;
    if (idNode == null || idNode.isNull()) {
      id = p.memberId() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    } else {
      id = idNode.asText();
      Subscription existing = context.directory().subscription(id).orElse(null);
      if (existing != null && !existing.getMember().equals(p.memberId())) {
        throw ApiError.forbidden("subscription '" + AdminModule.shorten(id) + "' is not yours");
      }
      if (existing == null && !id.startsWith(p.memberId() + "-")) {
        throw ApiError.badRequest(
            "id: a new subscription id must start with '" + p.memberId() + "-'");
      }
    }
    SubscriptionSpec spec = MemberJson.subscriptionSpec(in, id, p.memberId());
    Subscription saved = context.admin().putSubscription(spec, AdminModule.actor(ctx));
    AdminModule.json(ctx, 200, capped(MemberJson.view(saved), p));
  }

  /** Says in the answer that the member's clearance caps what the subscription delivers. */
  private static ObjectNode capped(ObjectNode view, Principal p) {
    view.put("clearance", p.clearance().name());
    return view;
  }
}
