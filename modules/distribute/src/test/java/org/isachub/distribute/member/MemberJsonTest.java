package org.isachub.distribute.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.isachub.wire.avro.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-03T07:00:00Z");

  @TempDir Path dir;

  @Test
  void shouldReadASubscriptionWithDefaults() throws Exception {
    SubscriptionSpec spec =
        MemberJson.subscriptionSpec(
            JSON.readTree("{\"observable_types\":[\"url\"],\"min_score\":40}"),
            "us-pa-urls",
            "us-pa");
    assertThat(spec.id()).isEqualTo("us-pa-urls");
    assertThat(spec.member()).isEqualTo("us-pa");
    assertThat(spec.name()).isEqualTo("us-pa-urls");
    assertThat(spec.decisions()).containsExactly(Decision.ACTIVE);
    assertThat(spec.minScore()).isEqualTo(40);
    assertThat(spec.enabled()).isTrue();
  }

  @Test
  void shouldRefuseUnknownFieldsAndWrongTypesNamingThem() throws Exception {
    assertThatThrownBy(
            () ->
                MemberJson.subscriptionSpec(JSON.readTree("{\"min_scor\":40}"), "us-pa-x", "us-pa"))
        .hasMessageContaining("unknown field(s) min_scor");
    assertThatThrownBy(
            () ->
                MemberJson.subscriptionSpec(
                    JSON.readTree("{\"min_score\":\"high\"}"), "us-pa-x", "us-pa"))
        .hasMessageContaining("min_score: must be a number");
    assertThatThrownBy(
            () ->
                MemberJson.subscriptionSpec(
                    JSON.readTree("{\"labels\":\"apt\"}"), "us-pa-x", "us-pa"))
        .hasMessageContaining("labels: must be an array of strings");
    assertThatThrownBy(
            () -> MemberJson.memberSpec(JSON.readTree("{\"id\":\"x\",\"kind\":\"state\"}")))
        .hasMessageContaining("display_name: required");
  }

  @Test
  void shouldNeverShowTokenHashesOrWebhookSecrets() {
    Tokens.Issued token = Tokens.issue(NOW, null);
    Member m =
        Member.newBuilder()
            .setId("vendor-acme")
            .setDisplayName("Acme")
            .setKind(MemberKind.VENDOR)
            .setClearance(Clearance.GREEN)
            .setTokens(List.of(token.hash()))
            .setWebhook(
                Webhook.newBuilder()
                    .setUrl("https://acme.example/hook")
                    .setSecret("s3cret-webhook-key")
                    .build())
            .setCreatedAt(NOW)
            .setUpdatedAt(NOW)
            .build();
    ObjectNode view = MemberJson.view(m, NOW);
    String text = view.toString();
    assertThat(text)
        .doesNotContain(token.hash().getHash())
        .doesNotContain("s3cret-webhook-key")
        .contains(token.hash().getTokenId());
    assertThat(view.get("role").asText()).isEqualTo("vendor");
    assertThat(view.get("tokens").get(0).get("active").asBoolean()).isTrue();
  }

  @Test
  void shouldReadTheSevenDemoMembersOfTheDeployFile() throws Exception {
    Path file =
        Path.of(System.getProperty("isachub.root", "../.."), "deploy/local/demo-members.json");
    List<DemoSeed.DemoMember> members;
    try (InputStream in = Files.newInputStream(file)) {
      members = DemoSeed.read(in);
    }
    Map<String, String> kinds = new LinkedHashMap<>();
    members.forEach(
        d -> kinds.put(d.member().id(), d.member().kind() + "/" + d.member().clearance()));
    assertThat(kinds)
        .containsExactly(
            Map.entry("admin", "ADMIN/CLEAR"),
            Map.entry("analyst", "ANALYST/AMBER"),
            Map.entry("us-pa", "STATE/AMBER"),
            Map.entry("us-az", "STATE/AMBER"),
            Map.entry("us-pa-dauphin", "LOCAL/GREEN"),
            Map.entry("us-az-maricopa", "LOCAL/GREEN"),
            Map.entry("vendor-acme", "VENDOR/GREEN"));
    for (DemoSeed.DemoMember d : members) {
      if (d.member().id().equals("admin")) {
        assertThat(d.subscription()).isNull();
      } else {
        assertThat(d.subscription()).isNotNull();
        assertThat(d.subscription().member()).isEqualTo(d.member().id());
        assertThat(d.subscription().observableTypes()).isEmpty();
        assertThat(d.subscription().minScore()).isZero();
      }
    }
  }

  @Test
  void shouldRefuseADemoFileWithoutMembers() {
    assertThatThrownBy(
            () -> DemoSeed.read(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("\"members\" array");
  }

  @Test
  void shouldWriteCredentialsReadableOnlyByTheOwnerAndReadThemBack() throws Exception {
    Path file = dir.resolve("sub/demo-credentials.json");
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("admin", "isac_one");
    tokens.put("us-pa", "isac_two");
    DemoSeed.writeCredentials(file, tokens);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(DemoSeed.readCredentials(file)).containsExactlyEntriesOf(tokens);
    Files.writeString(file, "not json");
    assertThat(DemoSeed.readCredentials(file)).isEmpty();
  }
}
