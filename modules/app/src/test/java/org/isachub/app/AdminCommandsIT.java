package org.isachub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.distribute.member.AuthResult;
import org.isachub.distribute.member.MemberDirectory;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The members and subscriptions verbs against a real broker, run in process. */
@WithEmbeddedKafka
class AdminCommandsIT {

  private static final Pattern TOKEN = Pattern.compile("token +(isac_\\S+)");

  /** What one command printed and returned. */
  private record Outcome(int status, String out, String err) {}

  private static Outcome run(EmbeddedKafkaBroker broker, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>();
    Collections.addAll(all, args);
    all.add("--bootstrap-servers");
    all.add(broker.bootstrapServers());
    int status = cli.execute(all.toArray(new String[0]));
    return new Outcome(status, out.toString(), err.toString());
  }

  private static String token(Outcome o) {
    Matcher m = TOKEN.matcher(o.out());
    assertThat(m.find()).as(o.out()).isTrue();
    return m.group(1);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldAddListShowRotateAndDisableMembersAndSubscriptions(EmbeddedKafkaBroker broker)
      throws Exception {
    Map<String, Object> kafka =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
    }
    Outcome added =
        run(
            broker,
            "members",
            "add",
            "--id",
            "us-wi",
            "--name",
            "Wisconsin Elections Commission",
            "--kind",
            "state",
            "--jurisdiction",
            "US-WI",
            "--clearance",
            "amber");
    assertThat(added.status()).as(added.err()).isZero();
    String first = token(added);

    Outcome list = run(broker, "members", "list");
    assertThat(list.out())
        .contains("us-wi")
        .contains("member")
        .contains("AMBER")
        .contains("1 member(s)");
    Outcome show = run(broker, "members", "show", "us-wi");
    assertThat(show.status()).isZero();
    assertThat(show.out()).contains("\"display_name\" : \"Wisconsin Elections Commission\"");
    assertThat(show.out()).doesNotContain(first);

    Outcome rotated = run(broker, "members", "rotate-token", "us-wi");
    assertThat(rotated.status()).as(rotated.err()).isZero();
    String second = token(rotated);

    Outcome sub =
        run(
            broker,
            "subscriptions",
            "add",
            "--id",
            "us-wi-ips",
            "--member",
            "us-wi",
            "--type",
            "ipv4-addr",
            "--min-score",
            "50");
    assertThat(sub.status()).as(sub.err()).isZero();
    Outcome subs = run(broker, "subscriptions", "list", "--member", "us-wi");
    assertThat(subs.out())
        .contains("us-wi-ips")
        .contains("ipv4-addr")
        .contains("1 subscription(s)");
    assertThat(run(broker, "subscriptions", "disable", "us-wi-ips").status()).isZero();
    assertThat(run(broker, "subscriptions", "show", "us-wi-ips").out())
        .contains("\"enabled\" : false");

    try (MemberDirectory directory = new MemberDirectory(kafka, "it-check").start()) {
      assertThat(directory.awaitReady(java.time.Duration.ofSeconds(30))).isTrue();
      assertThat(directory.authenticate(first, Instant.now()).failure())
          .isEqualTo(AuthResult.Failure.REVOKED);
      assertThat(directory.authenticate("us-wi", second, Instant.now()).ok()).isTrue();
    }

    assertThat(run(broker, "members", "disable", "us-wi").status()).isZero();
    assertThat(run(broker, "members", "list").out()).containsPattern("us-wi .* no ");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldRefuseBadInputWithAClearMessageAndStatus(EmbeddedKafkaBroker broker) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
    }
    Outcome red =
        run(
            broker,
            "members",
            "add",
            "--id",
            "us-nv",
            "--name",
            "Nevada",
            "--kind",
            "state",
            "--jurisdiction",
            "US-NV",
            "--clearance",
            "RED");
    assertThat(red.status()).isEqualTo(2);
    assertThat(red.err()).contains("'RED' is not a clearance");
    Outcome missing = run(broker, "members", "rotate-token", "nobody");
    assertThat(missing.status()).isEqualTo(3);
    assertThat(missing.err()).contains("no member 'nobody'");
    Outcome orphan =
        run(broker, "subscriptions", "add", "--id", "nobody-all", "--member", "nobody");
    assertThat(orphan.status()).isEqualTo(3);
    Outcome badType =
        run(
            broker,
            "subscriptions",
            "add",
            "--id",
            "x-all",
            "--member",
            "x",
            "--type",
            "ipv9-addr");
    assertThat(badType.status()).isEqualTo(2);
    assertThat(badType.err()).contains("observable_types: 'ipv9-addr'");
  }
}
