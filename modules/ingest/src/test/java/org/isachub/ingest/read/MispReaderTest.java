package org.isachub.ingest.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MispReaderTest {

  private static final Instant SAMPLE_TIME = Instant.parse("2020-10-25T16:22:00Z");

  private static ReadResult sample(String name) throws Exception {
    return new MispReader().read(Files.readAllBytes(SharedData.file("misp/" + name)));
  }

  private static ReadResult read(String json) throws ReadException {
    return new MispReader().read(json.getBytes(UTF_8));
  }

  private static RawObservable byValue(ReadResult r, String value) {
    return r.observables().stream()
        .filter(o -> o.value().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no observable " + value));
  }

  // ---- the reference samples ----

  @Test
  void shouldReadAttributesCollection1AsOneIndicatorAndOneContext() throws Exception {
    ReadResult r = sample("test_attributes_collection_1.json");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.indicatorCount()).isEqualTo(1);
    assertThat(r.contextCount()).isEqualTo(1);
    assertThat(r.skipped()).isZero();

    RawObservable as = r.observables().get(0);
    assertThat(as.type()).isEqualTo(ObservableType.AUTONOMOUS_SYSTEM);
    assertThat(as.value()).isEqualTo("AS174");
    assertThat(as.indicator()).as("no to_ids means context").isFalse();
    assertThat(as.location()).isEqualTo("attribute 2972c3a2-dda3-4de7-aca1-e96cf7ce5544");
    assertThat(as.firstSeen()).isEqualTo(SAMPLE_TIME);
    assertThat(as.lastSeen()).isEqualTo(SAMPLE_TIME);
    assertThat(as.tlp()).isNull();
    assertThat(as.context())
        .containsEntry("misp_type", "AS")
        .containsEntry("category", "Network activity")
        .doesNotContainKey("event_uuid");

    RawObservable domain = r.observables().get(1);
    assertThat(domain.type()).isEqualTo(ObservableType.DOMAIN_NAME);
    assertThat(domain.value()).isEqualTo("circl.lu");
    assertThat(domain.indicator()).isTrue();
    assertThat(domain.context()).containsEntry("comment", "Domain test attribute");
  }

  @Test
  void shouldSplitDomainIpAndSkipFilenameInAttributesCollection2() throws Exception {
    ReadResult r = sample("test_attributes_collection_2.json");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.indicatorCount()).isEqualTo(2);
    assertThat(r.contextCount()).isZero();
    assertThat(r.skipped()).as("the filename attribute").isEqualTo(1);
    assertThat(r.observables())
        .extracting(RawObservable::type, RawObservable::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ObservableType.DOMAIN_NAME, "circl.lu"),
            org.assertj.core.groups.Tuple.tuple(ObservableType.IPV4_ADDR, "149.13.33.14"));
    assertThat(r.observables())
        .allMatch(o -> o.location().equals("attribute 726f90e2-2ad6-44a2-b345-c05e55e850e5"));
  }

  @Test
  void shouldReadEventsCollection1() throws Exception {
    ReadResult r = sample("test_events_collection_1.json");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.indicatorCount()).isEqualTo(1);
    assertThat(r.contextCount()).isEqualTo(1);
    assertThat(r.skipped()).isZero();
    RawObservable as = byValue(r, "AS174");
    assertThat(as.indicator()).isFalse();
    assertThat(as.context()).containsEntry("event_uuid", "e2e6a6ea-f69b-4d93-8564-f51d67cafe51");
    RawObservable domain = byValue(r, "circl.lu");
    assertThat(domain.indicator()).isTrue();
    assertThat(domain.context())
        .containsEntry("event_uuid", "d402185f-c129-4f65-8678-43edb2cee1cf");
  }

  @Test
  void shouldReadEventsCollection2() throws Exception {
    ReadResult r = sample("test_events_collection_2.json");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.indicatorCount()).isEqualTo(2);
    assertThat(r.contextCount()).isZero();
    assertThat(r.skipped()).isEqualTo(1);
    assertThat(byValue(r, "149.13.33.14").context())
        .containsEntry("event_uuid", "50bf87fc-d134-499f-9e26-806cbe89ed37")
        .containsEntry("misp_type", "domain|ip");
  }

  @Test
  void shouldReadObjectsCollection1() throws Exception {
    ReadResult r = sample("test_objects_collection_1.json");
    assertThat(r.rejections()).isEmpty();
    // email-src, md5, sha1, sha256 have to_ids; email-dst does not.
    assertThat(r.indicatorCount()).isEqualTo(4);
    assertThat(r.contextCount()).isEqualTo(1);
    // email-subject, email-message-id, filename, size-in-bytes, text.
    assertThat(r.skipped()).isEqualTo(5);

    RawObservable from = byValue(r, "donald.duck@disney.com");
    assertThat(from.type()).isEqualTo(ObservableType.EMAIL_ADDR);
    assertThat(from.indicator()).isTrue();
    assertThat(from.context())
        .containsEntry("object_name", "email")
        .containsEntry("object_relation", "from")
        .containsEntry("misp_type", "email-src");

    RawObservable to = byValue(r, "jdoe@random.org");
    assertThat(to.indicator()).isFalse();

    assertThat(byValue(r, "8764605c6f388c89096b534d33565802").type())
        .isEqualTo(ObservableType.FILE_MD5);
    assertThat(byValue(r, "46aba99aa7158e4609aaa72b50990842fd22ae86").type())
        .isEqualTo(ObservableType.FILE_SHA1);
    RawObservable sha256 =
        byValue(r, "ec5aedf5ecc6bdadd4120932170d1b10f6cfa175cfda22951dfd882928ab279b");
    assertThat(sha256.type()).isEqualTo(ObservableType.FILE_SHA256);
    assertThat(sha256.location()).isEqualTo("attribute d3ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f");
    assertThat(sha256.context()).containsEntry("object_name", "file");
  }

  @Test
  void shouldReadObjectsCollection2() throws Exception {
    ReadResult r = sample("test_objects_collection_2.json");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.indicatorCount()).isEqualTo(2);
    assertThat(r.contextCount()).isZero();
    assertThat(r.skipped()).as("seven credential text attributes").isEqualTo(7);
    assertThat(byValue(r, "circl.lu").context()).containsEntry("object_name", "domain-ip");
    assertThat(byValue(r, "149.13.33.14").type()).isEqualTo(ObservableType.IPV4_ADDR);
    assertThat(r.observables()).noneMatch(o -> o.value().equals("Password1234"));
  }

  // ---- TLP, labels, timestamps, composites ----

  private static final String TLP_EVENT =
      """
      {"Event": {
        "uuid": "11111111-2222-3333-4444-555555555555",
        "distribution": "1",
        "Tag": [{"name": "tlp:green"}, {"name": "malware:emotet"}],
        "Attribute": [
          {"uuid": "a1", "type": "ip-dst", "value": "198.51.100.7", "to_ids": true,
           "timestamp": "1700000000", "Tag": [{"name": "TLP:RED"}, {"name": "c2"}]},
          {"uuid": "a2", "type": "domain", "value": "evil.example", "to_ids": "1",
           "first_seen": "2023-01-02T03:04:05.123456+00:00", "last_seen": "2023-02-01T00:00:00Z"},
          {"uuid": "a3", "type": "link", "value": "https://report.example/x", "to_ids": true}
        ]
      }}
      """;

  @Test
  void shouldPreferAttributeTlpTagThenEventTag() throws Exception {
    ReadResult r = read(TLP_EVENT);
    assertThat(r.rejections()).isEmpty();
    RawObservable ip = byValue(r, "198.51.100.7");
    assertThat(ip.tlp()).isEqualTo(TlpHint.RED);
    assertThat(ip.labels()).containsExactly("c2", "malware:emotet");
    assertThat(ip.firstSeen()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    RawObservable domain = byValue(r, "evil.example");
    assertThat(domain.tlp()).as("event tag beats event distribution").isEqualTo(TlpHint.GREEN);
    assertThat(domain.indicator()).isTrue();
    assertThat(domain.firstSeen()).isEqualTo(Instant.parse("2023-01-02T03:04:05.123456Z"));
    assertThat(domain.lastSeen()).isEqualTo(Instant.parse("2023-02-01T00:00:00Z"));
    assertThat(domain.labels()).containsExactly("malware:emotet");
  }

  @Test
  void shouldTreatLinksAsContextEvenWithToIds() throws Exception {
    RawObservable link = byValue(read(TLP_EVENT), "https://report.example/x");
    assertThat(link.type()).isEqualTo(ObservableType.URL);
    assertThat(link.indicator()).isFalse();
  }

  @Test
  void shouldMapDistributionToTlpWhenThereIsNoTag() throws Exception {
    String json =
        """
        {"Event": {"distribution": "2", "Object": [
          {"name": "x", "distribution": "0", "Attribute": [
            {"uuid": "o1", "type": "md5", "value": "d41d8cd98f00b204e9800998ecf8427e", "distribution": "5"}
          ]}],
         "Attribute": [
          {"uuid": "d0", "type": "url", "value": "http://0.example/", "distribution": 0},
          {"uuid": "d1", "type": "url", "value": "http://1.example/", "distribution": "1"},
          {"uuid": "d2", "type": "url", "value": "http://2.example/", "distribution": "2"},
          {"uuid": "d3", "type": "url", "value": "http://3.example/", "distribution": "3"},
          {"uuid": "d4", "type": "url", "value": "http://4.example/", "distribution": "4", "sharing_group_id": "7"},
          {"uuid": "d5", "type": "url", "value": "http://5.example/", "distribution": "5"},
          {"uuid": "dx", "type": "url", "value": "http://x.example/"}
        ]}}
        """;
    ReadResult r = read(json);
    assertThat(r.rejections()).isEmpty();
    assertThat(r.observables())
        .extracting(RawObservable::location, RawObservable::tlp)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("attribute d0", TlpHint.RED),
            org.assertj.core.groups.Tuple.tuple("attribute d1", TlpHint.AMBER),
            org.assertj.core.groups.Tuple.tuple("attribute d2", TlpHint.GREEN),
            org.assertj.core.groups.Tuple.tuple("attribute d3", TlpHint.CLEAR),
            org.assertj.core.groups.Tuple.tuple("attribute d4", TlpHint.AMBER_STRICT),
            org.assertj.core.groups.Tuple.tuple("attribute d5", TlpHint.GREEN),
            org.assertj.core.groups.Tuple.tuple("attribute dx", TlpHint.GREEN),
            org.assertj.core.groups.Tuple.tuple("attribute o1", TlpHint.RED));
  }

  @Test
  void shouldTakeTheMostRestrictiveOfSeveralTlpTagsAndReadTlpWhiteAsClear() throws Exception {
    String json =
        """
        {"Event": {"Tag": [{"name": "tlp:white"}], "Attribute": [
          {"uuid": "t1", "type": "domain", "value": "a.example"},
          {"uuid": "t2", "type": "domain", "value": "b.example",
           "Tag": [{"name": "tlp:amber"}, {"name": "tlp:amber+strict"}, {"name": "tlp:green"}]}
        ]}}
        """;
    ReadResult r = read(json);
    assertThat(byValue(r, "a.example").tlp()).isEqualTo(TlpHint.CLEAR);
    assertThat(byValue(r, "b.example").tlp()).isEqualTo(TlpHint.AMBER_STRICT);
  }

  @Test
  void shouldSplitCompositeTypesKeepingTheOtherPartAsContext() throws Exception {
    String json =
        """
        {"Event": {"Attribute": [
          {"uuid": "c1", "type": "ip-dst|port", "value": "2001:db8::1|443", "to_ids": true},
          {"uuid": "c2", "type": "ip-src|port", "value": "192.0.2.1|8080"},
          {"uuid": "c3", "type": "filename|sha256", "value": "a|b.exe|9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
          {"uuid": "c4", "type": "filename|md5", "value": "x.dll|d41d8cd98f00b204e9800998ecf8427e"},
          {"uuid": "c5", "type": "regkey|value", "value": "HKLM\\\\Software\\\\Run|evil.exe"},
          {"uuid": "c6", "type": "hostname", "value": "mail.example"},
          {"uuid": "c7", "type": "email", "value": "a@b.example"},
          {"uuid": "c8", "type": "mac-address", "value": "00:11:22:33:44:55"},
          {"uuid": "c9", "type": "sha512", "value": "cf83e1357eefb8bd"},
          {"uuid": "ca", "type": "uri", "value": "/admin/login.php"},
          {"uuid": "cb", "type": "uri", "value": "https://u.example/admin"},
          {"uuid": "cc", "type": "regkey", "value": "HKCU\\\\Run"},
          {"uuid": "cd", "type": "hostname|port", "value": "h.example|25"}
        ]}}
        """;
    ReadResult r = read(json);
    assertThat(r.rejections()).isEmpty();
    assertThat(r.skipped()).as("the relative uri").isEqualTo(1);
    RawObservable v6 = byValue(r, "2001:db8::1");
    assertThat(v6.type()).isEqualTo(ObservableType.IPV6_ADDR);
    assertThat(v6.context()).containsEntry("port", "443");
    assertThat(byValue(r, "192.0.2.1").context()).containsEntry("port", "8080");
    RawObservable sha =
        byValue(r, "b.exe|9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    assertThat(sha.context()).containsEntry("filename", "a");
    assertThat(byValue(r, "d41d8cd98f00b204e9800998ecf8427e").context())
        .containsEntry("filename", "x.dll");
    RawObservable key = byValue(r, "HKLM\\Software\\Run");
    assertThat(key.type()).isEqualTo(ObservableType.WINDOWS_REGISTRY_KEY);
    assertThat(key.context()).containsEntry("registry_value", "evil.exe");
    assertThat(byValue(r, "mail.example").type()).isEqualTo(ObservableType.DOMAIN_NAME);
    assertThat(byValue(r, "a@b.example").type()).isEqualTo(ObservableType.EMAIL_ADDR);
    assertThat(byValue(r, "00:11:22:33:44:55").type()).isEqualTo(ObservableType.MAC_ADDR);
    assertThat(byValue(r, "cf83e1357eefb8bd").type()).isEqualTo(ObservableType.FILE_SHA512);
    assertThat(byValue(r, "https://u.example/admin").type()).isEqualTo(ObservableType.URL);
    assertThat(byValue(r, "HKCU\\Run").type()).isEqualTo(ObservableType.WINDOWS_REGISTRY_KEY);
    assertThat(byValue(r, "h.example").context()).containsEntry("port", "25");
  }

  @Test
  void shouldSkipDeletedAttributes() throws Exception {
    ReadResult r =
        read(
            "{\"Event\":{\"Attribute\":[{\"type\":\"domain\",\"value\":\"gone.example\","
                + "\"deleted\":true}]}}");
    assertThat(r.observables()).isEmpty();
    assertThat(r.skipped()).isEqualTo(1);
  }

  @Test
  void shouldReadABareArrayOfEvents() throws Exception {
    ReadResult r =
        read("[{\"Event\":{\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.example\"}]}}]");
    assertThat(r.observables()).extracting(RawObservable::value).containsExactly("a.example");
    assertThat(r.observables().get(0).location()).isEqualTo("attribute at /0/Event/Attribute/0");
  }

  // ---- every rejection code ----

  @Test
  void shouldRejectMalformedJson() throws Exception {
    ReadResult r = read("{\"Event\": {\"Attribute\": [}");
    assertThat(r.observables()).isEmpty();
    Rejection rej = r.rejections().get(0);
    assertThat(rej.code()).isEqualTo(RejectionCodes.MISP_BAD_JSON);
    assertThat(rej.location()).isEqualTo("input");
    assertThat(rej.reason()).startsWith("not valid JSON: ").contains("line 1, column");
    assertThat(rej.excerpt()).isEqualTo("{\"Event\": {\"Attribute\": [}");
  }

  @Test
  void shouldRejectDuplicateKeysAndTrailingContentAsBadJson() throws Exception {
    assertThat(read("{\"Event\":{},\"Event\":{}}").rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.MISP_BAD_JSON);
    assertThat(read("{\"Event\":{}} {}").rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.MISP_BAD_JSON);
    assertThat(read("").rejections().get(0).reason())
        .isEqualTo("not valid JSON: the input is empty");
  }

  @Test
  void shouldRejectAnUnknownShapeAndPointManifestsElsewhere() throws Exception {
    Rejection plain = read("{\"type\": \"bundle\"}").rejections().get(0);
    assertThat(plain.code()).isEqualTo(RejectionCodes.MISP_UNKNOWN_SHAPE);
    assertThat(plain.reason()).contains("found an object with keys [type]");
    Rejection manifest =
        read("{\"5c1f3a2b-0000-4000-8000-000000000001\": {\"timestamp\": \"1\"}}")
            .rejections()
            .get(0);
    assertThat(manifest.code()).isEqualTo(RejectionCodes.MISP_UNKNOWN_SHAPE);
    assertThat(manifest.reason()).contains("MispManifestReader");
    assertThat(read("42").rejections().get(0).reason()).endsWith("found a JSON number");
  }

  @Test
  void shouldRejectWrongJsonTypesAsBadStructure() throws Exception {
    ReadResult r =
        read(
            "{\"response\": [ {\"Event\": {\"Attribute\": {}}}, 7, {\"Event\": []},"
                + " {\"Object\": [3]}, {\"Event\": {\"Attribute\": [\"x\"]}} ]}");
    assertThat(r.rejections())
        .extracting(Rejection::code)
        .containsOnly(RejectionCodes.MISP_BAD_STRUCTURE)
        .hasSize(5);
    assertThat(r.rejections())
        .extracting(Rejection::location)
        .containsExactly(
            "element /response/0/Event/Attribute",
            "element /response/1",
            "element /response/2/Event",
            "element /response/3/Object/0",
            "element /response/4/Event/Attribute/0");
  }

  @Test
  void shouldRejectMissingOrMalformedAttributeTypes() throws Exception {
    ReadResult r =
        read(
            "{\"Event\":{\"Attribute\":[{\"uuid\":\"u1\",\"value\":\"x\"},"
                + "{\"uuid\":\"u2\",\"type\":\"\\u0000bad\",\"value\":\"x\"},"
                + "{\"uuid\":\"u3\",\"type\":7,\"value\":\"x\"},"
                + "{\"uuid\":\"u4\",\"type\":\"some-future-type\",\"value\":\"x\"}]}}");
    assertThat(r.rejections())
        .extracting(Rejection::location, Rejection::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "attribute u1", RejectionCodes.MISP_UNKNOWN_ATTRIBUTE_TYPE),
            org.assertj.core.groups.Tuple.tuple(
                "attribute u2", RejectionCodes.MISP_UNKNOWN_ATTRIBUTE_TYPE),
            org.assertj.core.groups.Tuple.tuple(
                "attribute u3", RejectionCodes.MISP_UNKNOWN_ATTRIBUTE_TYPE));
    assertThat(r.rejections().get(0).reason()).isEqualTo("the attribute has no type");
    assertThat(r.skipped()).as("a well-formed but unmapped type is skipped").isEqualTo(1);
  }

  @Test
  void shouldRejectAMappedAttributeWithoutValue() throws Exception {
    ReadResult r =
        read("{\"Event\":{\"Attribute\":[{\"uuid\":\"u\",\"type\":\"domain\",\"value\":\" \"}]}}");
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejections().get(0).code()).isEqualTo(RejectionCodes.MISP_MISSING_VALUE);
    assertThat(r.rejections().get(0).reason())
        .isEqualTo("the domain attribute has no value (a non-empty string)");
  }

  @Test
  void shouldRejectACompositeWithAMissingPart() throws Exception {
    ReadResult r =
        read(
            "{\"Event\":{\"Attribute\":[{\"uuid\":\"u\",\"type\":\"domain|ip\","
                + "\"value\":\"circl.lu|\"},{\"type\":\"filename|md5\",\"value\":\"nobar\"}]}}");
    assertThat(r.rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.MISP_BAD_COMPOSITE, RejectionCodes.MISP_BAD_COMPOSITE);
    assertThat(r.rejections().get(0).reason())
        .isEqualTo("a domain|ip value must have two non-empty parts separated by '|'");
    assertThat(r.rejections().get(1).location()).isEqualTo("attribute at /Event/Attribute/1");
  }

  @Test
  void shouldRejectBadTimestamps() throws Exception {
    ReadResult r =
        read(
            "{\"Event\":{\"Attribute\":["
                + "{\"uuid\":\"t1\",\"type\":\"domain\",\"value\":\"a.example\",\"timestamp\":\"soon\"},"
                + "{\"uuid\":\"t2\",\"type\":\"domain\",\"value\":\"b.example\","
                + "\"first_seen\":\"2023-13-01T00:00:00Z\"}]}}");
    assertThat(r.observables()).isEmpty();
    assertThat(r.rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.MISP_BAD_TIMESTAMP, RejectionCodes.MISP_BAD_TIMESTAMP);
    assertThat(r.rejections().get(0).reason()).startsWith("timestamp 'soon' is not epoch seconds");
    assertThat(r.rejections().get(1).reason())
        .isEqualTo("first_seen '2023-13-01T00:00:00Z' is not an ISO 8601 time");
  }

  @Test
  void shouldRejectAValueLongerThanTheLineLimit() throws Exception {
    String json =
        "{\"Event\":{\"Attribute\":[{\"uuid\":\"u\",\"type\":\"url\",\"value\":\"http://"
            + "a".repeat(300)
            + "\"}]}}";
    ReadResult r =
        new MispReader(ReadLimits.DEFAULTS.withMaxLineLength(100)).read(json.getBytes(UTF_8));
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejections().get(0).code()).isEqualTo(RejectionCodes.MISP_VALUE_TOO_LONG);
    assertThat(r.rejections().get(0).excerpt()).hasSize(Rejection.MAX_EXCERPT);
  }

  @Test
  void shouldRejectControlCharactersInAValue() throws Exception {
    ReadResult r =
        read("{\"Event\":{\"Attribute\":[{\"type\":\"domain\",\"value\":\"a\\u001b.example\"}]}}");
    assertThat(r.rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.MISP_CONTROL_CHARACTER);
  }

  @Test
  void shouldStopAtTheAttributeLimit() throws Exception {
    StringBuilder json = new StringBuilder("{\"Event\":{\"Attribute\":[");
    for (int i = 0; i < 10; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"uuid\":\"u")
          .append(i)
          .append("\",\"type\":\"domain\",\"value\":\"d")
          .append(i)
          .append(".example\"}");
    }
    json.append("]}}");
    ReadResult r =
        new MispReader(ReadLimits.DEFAULTS.withMaxRecords(3)).read(json.toString().getBytes(UTF_8));
    assertThat(r.observables()).hasSize(3);
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejections().get(0).code()).isEqualTo(RejectionCodes.LIMIT_OBJECTS);
    assertThat(r.rejections().get(0).location()).isEqualTo("attribute u3");
  }

  // ---- whole-input limits ----

  @Test
  void shouldFailOnNestingDeeperThanTheLimit() {
    String deep = "[".repeat(40) + "]".repeat(40);
    assertThatThrownBy(
            () ->
                new MispReader(ReadLimits.DEFAULTS.withMaxJsonDepth(32)).read(deep.getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCodes.LIMIT_JSON_DEPTH);
              assertThat(e.getMessage()).contains("32");
            });
  }

  @Test
  void shouldFailOnAStringLongerThanTheLimit() {
    String json = "{\"Event\":{\"info\":\"" + "x".repeat(5000) + "\"}}";
    assertThatThrownBy(
            () ->
                new MispReader(ReadLimits.DEFAULTS.withMaxStringLength(1000))
                    .read(json.getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCodes.LIMIT_JSON_STRING));
  }

  @Test
  void shouldFailOnInputLargerThanTheLimit() {
    String json = "{\"Event\":{\"info\":\"" + "x".repeat(5000) + "\"}}";
    assertThatThrownBy(
            () ->
                new MispReader(ReadLimits.DEFAULTS.withMaxInputBytes(1000))
                    .read(json.getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCodes.LIMIT_INPUT_BYTES));
  }

  @Test
  void shouldReadEverySampleWithoutRejections() throws Exception {
    for (String name :
        List.of(
            "test_attributes_collection_1.json",
            "test_attributes_collection_2.json",
            "test_events_collection_1.json",
            "test_events_collection_2.json",
            "test_objects_collection_1.json",
            "test_objects_collection_2.json")) {
      ReadResult r = sample(name);
      assertThat(r.rejections()).as(name).isEmpty();
      assertThat(r.observables()).as(name).allMatch(o -> o.firstSeen() != null);
    }
  }
}
