package org.isachub.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.isachub.distribute.member.MemberAdmin;
import org.isachub.distribute.member.MemberAdminException;
import org.isachub.distribute.member.MemberJson;
import org.isachub.distribute.member.MemberSpec;
import org.isachub.distribute.member.Roles;
import org.isachub.distribute.member.Validation;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.TokenHash;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code isachub members}: add, list, show, disable and enable members, rotate their tokens. */
@Command(
    name = "members",
    mixinStandardHelpOptions = true,
    description = {
      "Manage members in isac.members.v1, talking to Kafka directly (the embedded broker's"
          + " address unless --bootstrap-servers is given).",
      "Every change is recorded in isac.audit.v1."
    },
    subcommands = {
      MembersCommand.Add.class,
      MembersCommand.ListMembers.class,
      MembersCommand.Show.class,
      MembersCommand.Disable.class,
      MembersCommand.Enable.class,
      MembersCommand.RotateToken.class,
      MembersCommand.RevokeToken.class,
      CommandLine.HelpCommand.class
    })
public final class MembersCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MembersCommand() {}

  static void printToken(PrintWriter out, Member member, String token) {
    out.println("member   " + member.getId());
    out.println("token    " + token);
    out.println("         (shown only this once: store it now; the hub keeps only its hash)");
  }

  /** {@code members add}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add a member and issue its first token.")
  static final class Add extends AdminVerb {
    @Option(names = "--id", required = true, description = "Member id, e.g. us-pa-dauphin.")
    String id;

    @Option(names = "--name", required = true, description = "Display name.")
    String name;

    @Option(
        names = "--kind",
        required = true,
        description = "state, local, vendor, analyst or admin.")
    String kind;

    @Option(names = "--jurisdiction", description = "e.g. US-PA or US-PA-Dauphin.")
    @Nullable String jurisdiction;

    @Option(names = "--clearance", required = true, description = "CLEAR, GREEN or AMBER.")
    String clearance;

    @Option(names = "--anonymous", description = "Show its contributions only as 'a member'.")
    boolean anonymous;

    @Override
    int run(AdminSession session, PrintWriter out) {
      MemberSpec spec =
          new MemberSpec(
              id,
              name,
              Validation.kind(kind),
              jurisdiction,
              Validation.clearance(clearance),
              anonymous);
      MemberAdmin.Issued issued = session.admin().addMember(spec, AdminSession.actor());
      printToken(out, issued.member(), issued.token());
      return 0;
    }
  }

  /** {@code members list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every member.")
  static final class ListMembers extends AdminVerb {
    @Override
    int run(AdminSession session, PrintWriter out) {
      Instant now = Instant.now();
      out.printf(
          "%-24s %-8s %-8s %-20s %-9s %-8s %s%n",
          "ID", "KIND", "ROLE", "JURISDICTION", "CLEARANCE", "ENABLED", "ACTIVE TOKENS");
      List<Member> members = session.directory().members();
      for (Member m : members) {
        long active =
            m.getTokens().stream()
                .filter(t -> t.getRevokedAt() == null || now.isBefore(t.getRevokedAt()))
                .filter(t -> t.getExpiresAt() == null || now.isBefore(t.getExpiresAt()))
                .count();
        out.printf(
            "%-24s %-8s %-8s %-20s %-9s %-8s %d%n",
            m.getId(),
            MemberJson.kindName(m.getKind()),
            Roles.of(m.getKind()).wireName(),
            m.getJurisdiction() == null ? "-" : m.getJurisdiction(),
            m.getClearance(),
            m.getEnabled() ? "yes" : "no",
            active);
      }
      out.println(members.size() + " member(s)");
      return 0;
    }
  }

  /** {@code members show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one member as JSON (never token hashes).")
  static final class Show extends AdminVerb {
    @Parameters(paramLabel = "ID", description = "The member id.")
    String id;

    @Override
    int run(AdminSession session, PrintWriter out) throws Exception {
      Member m = existing(session, id);
      out.println(
          JSON.writerWithDefaultPrettyPrinter()
              .writeValueAsString(MemberJson.view(m, Instant.now())));
      return 0;
    }
  }

  /** {@code members disable}. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disable a member: it can no longer authenticate and receives nothing.")
  static final class Disable extends AdminVerb {
    @Parameters(paramLabel = "ID", description = "The member id.")
    String id;

    @Override
    int run(AdminSession session, PrintWriter out) {
      session.admin().disableMember(id, AdminSession.actor());
      out.println("member " + id + " disabled");
      return 0;
    }
  }

  /** {@code members enable}. */
  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Enable a disabled member again.")
  static final class Enable extends AdminVerb {
    @Parameters(paramLabel = "ID", description = "The member id.")
    String id;

    @Override
    int run(AdminSession session, PrintWriter out) {
      session.admin().enableMember(id, AdminSession.actor());
      out.println("member " + id + " enabled");
      return 0;
    }
  }

  /** {@code members rotate-token}. */
  @Command(
      name = "rotate-token",
      mixinStandardHelpOptions = true,
      description = "Issue a new token for a member and revoke all its older tokens.")
  static final class RotateToken extends AdminVerb {
    @Parameters(paramLabel = "ID", description = "The member id.")
    String id;

    @Option(
        names = "--expires-in-days",
        paramLabel = "DAYS",
        description = "Let the new token stop working after this many days (default: never).")
    @Nullable Integer days;

    @Override
    int run(AdminSession session, PrintWriter out) {
      if (days != null && (days < 1 || days > 3650)) {
        throw new MemberAdminException(
            MemberAdminException.Reason.INVALID, "--expires-in-days: from 1 to 3650");
      }
      MemberAdmin.Issued issued =
          session
              .admin()
              .rotateToken(id, days == null ? null : Duration.ofDays(days), AdminSession.actor());
      printToken(out, issued.member(), issued.token());
      return 0;
    }
  }

  /** {@code members revoke-token}. */
  @Command(
      name = "revoke-token",
      mixinStandardHelpOptions = true,
      description = "Revoke one token of a member, by its token id (see members show).")
  static final class RevokeToken extends AdminVerb {
    @Parameters(index = "0", paramLabel = "ID", description = "The member id.")
    String id;

    @Parameters(
        index = "1",
        paramLabel = "TOKEN_ID",
        description = "The token id, e.g. tk-0a1b2c3d4e5f.")
    String tokenId;

    @Override
    int run(AdminSession session, PrintWriter out) {
      Member m = session.admin().revokeToken(id, tokenId, AdminSession.actor());
      long left = m.getTokens().stream().filter((TokenHash t) -> t.getRevokedAt() == null).count();
      out.println("token " + tokenId + " of " + id + " revoked; " + left + " token(s) left");
      return 0;
    }
  }

  static Member existing(AdminSession session, String id) {
    return session
        .directory()
        .member(id)
        .orElseThrow(
            () ->
                new MemberAdminException(
                    MemberAdminException.Reason.NOT_FOUND, "no member '" + id + "'"));
  }
}
