package org.isachub.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.isachub.distribute.member.MemberAdminException;
import org.isachub.distribute.member.MemberJson;
import org.isachub.distribute.member.SubscriptionSpec;
import org.isachub.distribute.member.Validation;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.Subscription;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code isachub subscriptions}: add, list, show and disable subscriptions. */
@Command(
    name = "subscriptions",
    mixinStandardHelpOptions = true,
    description = {
      "Manage subscriptions in isac.subscriptions.v1, talking to Kafka directly (the embedded"
          + " broker's address unless --bootstrap-servers is given).",
      "A member's clearance caps whatever its subscriptions match. Every change is recorded in"
          + " isac.audit.v1."
    },
    subcommands = {
      SubscriptionsCommand.Add.class,
      SubscriptionsCommand.ListSubscriptions.class,
      SubscriptionsCommand.Show.class,
      SubscriptionsCommand.Disable.class,
      CommandLine.HelpCommand.class
    })
public final class SubscriptionsCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SubscriptionsCommand() {}

  /** {@code subscriptions add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a subscription. Options left out mean 'any'.")
  static final class Add extends AdminVerb {
    @Option(names = "--id", required = true, description = "Subscription id, e.g. us-pa-urls.")
    String id;

    @Option(names = "--member", required = true, description = "The owning member id.")
    String member;

    @Option(names = "--name", description = "Display name (default: the id).")
    @Nullable String name;

    @Option(
        names = "--type",
        paramLabel = "TYPE",
        description = "Observable type to match (repeatable), e.g. ipv4-addr.")
    List<String> types = new ArrayList<>();

    @Option(names = "--min-score", description = "Lowest score to deliver, 0-100 (default: 0).")
    double minScore;

    @Option(
        names = "--decision",
        paramLabel = "DECISION",
        description = "ACTIVE, and SUPPRESSED to opt in (repeatable; default: ACTIVE).")
    List<String> decisions = new ArrayList<>();

    @Option(names = "--label", description = "Label of which one must be present (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(
        names = "--kill-chain-phase",
        paramLabel = "NAME:PHASE",
        description = "Kill-chain phase (repeatable).")
    List<String> phases = new ArrayList<>();

    @Option(
        names = "--source",
        description = "Source of which one must have contributed (repeatable).")
    List<String> sources = new ArrayList<>();

    @Option(
        names = "--exclude-source",
        description = "Source whose contributions are ignored (repeatable).")
    List<String> excluded = new ArrayList<>();

    @Option(
        names = "--jurisdiction",
        description = "Jurisdiction to match, e.g. US-PA (repeatable).")
    List<String> jurisdictions = new ArrayList<>();

    @Option(
        names = "--channel",
        description = "kafka, taxii, webhook or blocklist (repeatable; default: kafka and taxii).")
    List<String> channels = new ArrayList<>();

    @Override
    int run(AdminSession session, PrintWriter out) throws Exception {
      List<Decision> ds = new ArrayList<>();
      for (String d : decisions) {
        ds.add(Validation.decision(d));
      }
      if (ds.isEmpty()) {
        ds.add(Decision.ACTIVE);
      }
      SubscriptionSpec spec =
          new SubscriptionSpec(
              id,
              member,
              name == null ? id : name,
              true,
              types,
              minScore,
              ds,
              labels,
              phases,
              sources,
              excluded,
              jurisdictions,
              channels);
      Subscription s = session.admin().addSubscription(spec, AdminSession.actor());
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(MemberJson.view(s)));
      return 0;
    }
  }

  /** {@code subscriptions list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List subscriptions.")
  static final class ListSubscriptions extends AdminVerb {
    @Option(names = "--member", description = "Only this member's.")
    @Nullable String member;

    @Override
    int run(AdminSession session, PrintWriter out) {
      List<Subscription> subs =
          member == null
              ? session.directory().subscriptions()
              : session.directory().subscriptionsOf(member);
      out.printf(
          "%-28s %-24s %-8s %-9s %-24s %s%n",
          "ID", "MEMBER", "ENABLED", "MIN SCORE", "TYPES", "CHANNELS");
      for (Subscription s : subs) {
        out.printf(
            "%-28s %-24s %-8s %-9s %-24s %s%n",
            s.getId(),
            s.getMember(),
            s.getEnabled() ? "yes" : "no",
            s.getMinScore(),
            s.getObservableTypes().isEmpty() ? "any" : String.join(",", s.getObservableTypes()),
            String.join(",", s.getChannels()));
      }
      out.println(subs.size() + " subscription(s)");
      return 0;
    }
  }

  /** {@code subscriptions show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one subscription as JSON.")
  static final class Show extends AdminVerb {
    @Parameters(paramLabel = "ID", description = "The subscription id.")
    String id;

    @Override
    int run(AdminSession session, PrintWriter out) throws Exception {
      Subscription s =
          session
              .directory()
              .subscription(id)
              .orElseThrow(
                  () ->
                      new MemberAdminException(
                          MemberAdminException.Reason.NOT_FOUND, "no subscription '" + id + "'"));
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(MemberJson.view(s)));
      return 0;
    }
  }

  /** {@code subscriptions disable}. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description =
          "Disable a subscription: it matches nothing and what it delivered is withdrawn.")
  static final class Disable extends AdminVerb {
    @Parameters(paramLabel = "ID", description = "The subscription id.")
    String id;

    @Override
    int run(AdminSession session, PrintWriter out) {
      session.admin().disableSubscription(id, AdminSession.actor());
      out.println("subscription " + id + " disabled");
      return 0;
    }
  }
}
