package org.isachub.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.isachub.wire.avro.AudienceKind;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.AuditKind;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Contribution;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.DeadLetterHeader;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.IngestPosition;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.isachub.wire.avro.Score;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.SightingSummary;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.Tlp;
import org.isachub.wire.avro.TokenHash;
import org.isachub.wire.avro.Webhook;

/** Fully populated sample records of every wire schema, optional fields set. */
final class WireSamples {

  static final Instant T0 = Instant.parse("2026-11-03T12:00:00.123Z");
  static final String KEY = "ipv4-addr:198.51.100.7";

  private WireSamples() {}

  /** One sample of every top-level record, by class. */
  static Map<Class<? extends SpecificRecord>, SpecificRecord> all() {
    return Map.of(
        Submission.class, submission(),
        Sighting.class, sighting(),
        IndicatorState.class, indicatorState(),
        Member.class, member(),
        Subscription.class, subscription(),
        FeedEntry.class, feedEntry(),
        DeadLetter.class, deadLetter(),
        AuditEvent.class, auditEvent(),
        IngestPosition.class, ingestPosition());
  }

  static Submission submission() {
    return Submission.newBuilder()
        .setSubmissionId("5d0c5a52-6c1b-4c55-9a57-0d0f5d9c8a11")
        .setObjectId("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
        .setKind(SubmissionKind.INDICATOR)
        .setKey(KEY)
        .setObservableType("ipv4-addr")
        .setSource("us-pa")
        .setSubmittedBy("us-pa")
        .setAdapter("stix")
        .setTlp(Tlp.AMBER_STRICT)
        .setRecipients(List.of("us-az", "analyst"))
        .setAnonymous(true)
        .setConfidence(85)
        .setLabels(List.of("malicious-activity"))
        .setKillChainPhases(List.of("mitre-attack:command-and-control"))
        .setJurisdictions(List.of("US-PA"))
        .setValidFrom(T0)
        .setValidUntil(T0.plusSeconds(86_400))
        .setFirstSeen(T0.minusSeconds(3600))
        .setLastSeen(T0)
        .setSubmittedAt(T0.plusMillis(5))
        .setStix(
            "{\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"type\":\"indicator\"}")
        .build();
  }

  static Sighting sighting() {
    return Sighting.newBuilder()
        .setSightingId("sighting--ee20065d-2555-424f-ad9e-0f8fd65d6c5e")
        .setSubmissionId("a7c1b9e2-1111-4c55-9a57-0d0f5d9c8a11")
        .setKey(KEY)
        .setIndicatorId("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
        .setMember("us-az-maricopa")
        .setTlp(Tlp.GREEN)
        .setRecipients(List.of())
        .setAnonymous(false)
        .setCount(3)
        .setFalsePositive(true)
        .setFirstSeen(T0)
        .setLastSeen(T0.plusSeconds(60))
        .setSubmittedAt(T0.plusSeconds(61))
        .setStix("{\"type\":\"sighting\"}")
        .build();
  }

  static Score score() {
    return Score.newBuilder()
        .setModelVersion("v1")
        .setValue(61.5)
        .setBand(3)
        .setCorroboration(0.72)
        .setSightingFactor(1.1)
        .setFalsePositiveFactor(0.9)
        .setBase(71.28)
        .setDecay(0.8628)
        .setReferenceTime(T0)
        .setLifetimeDays(47)
        .setDecaySpeed(1.65)
        .setEvaluatedAt(T0.plusSeconds(3600))
        .build();
  }

  static IndicatorState indicatorState() {
    Contribution contribution =
        Contribution.newBuilder()
            .setSource("feodo")
            .setSubmissionId("5d0c5a52-6c1b-4c55-9a57-0d0f5d9c8a11")
            .setObjectId("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
            .setTlp(Tlp.CLEAR)
            .setRecipients(List.of())
            .setAnonymous(false)
            .setConfidence(80)
            .setReliability(0.9)
            .setEvidence(0.72)
            .setFirstSeen(T0)
            .setLastSeen(T0)
            .setReports(2)
            .setLabels(List.of("botnet"))
            .setKillChainPhases(List.of())
            .setJurisdictions(List.of())
            .setValidUntil(null)
            .build();
    SightingSummary summary =
        SightingSummary.newBuilder()
            .setMember("us-pa-dauphin")
            .setTlp(Tlp.GREEN)
            .setRecipients(List.of())
            .setAnonymous(true)
            .setCount(4)
            .setFalsePositive(false)
            .setFirstSeen(T0)
            .setLastSeen(T0.plusSeconds(10))
            .build();
    AudienceView view =
        AudienceView.newBuilder()
            .setAudience(AudienceKind.TIER)
            .setTier(Clearance.GREEN)
            .setRecipient(null)
            .setTlp(Tlp.GREEN)
            .setDecision(Decision.ACTIVE)
            .setSources(List.of("feodo", "a member"))
            .setSourceCount(2)
            .setSightingCount(4)
            .setSightingMembers(1)
            .setFalsePositiveCount(0)
            .setFirstSeen(T0)
            .setLastSeen(T0.plusSeconds(10))
            .setLabels(List.of("botnet"))
            .setKillChainPhases(List.of())
            .setJurisdictions(List.of("US-PA"))
            .setScore(score())
            .build();
    return IndicatorState.newBuilder()
        .setKey(KEY)
        .setIndicatorId("indicator--0b5bd4a4-0f6e-5b63-9a53-2a1f8a8f7e31")
        .setObservableType("ipv4-addr")
        .setValue("198.51.100.7")
        .setPattern("[ipv4-addr:value = '198.51.100.7']")
        .setVersion(7)
        .setCreated(T0)
        .setModified(T0.plusSeconds(3600))
        .setValidFrom(T0)
        .setValidUntil(T0.plusSeconds(86_400))
        .setDecision(Decision.SUPPRESSED)
        .setSuppressedBy("documentation-ranges")
        .setContributions(List.of(contribution))
        .setSightings(List.of(summary))
        .setViews(List.of(view))
        .setModelVersion("v1")
        .setNextEvaluation(T0.plusSeconds(7200))
        .setPublishedAt(T0.plusMillis(5))
        .build();
  }

  static Member member() {
    return Member.newBuilder()
        .setId("us-pa")
        .setDisplayName("Pennsylvania Department of State")
        .setKind(MemberKind.STATE)
        .setJurisdiction("US-PA")
        .setClearance(Clearance.AMBER)
        .setEnabled(true)
        .setAnonymous(false)
        .setSourceReliability("B")
        .setGrantedSources(List.of("pa-feed"))
        .setTokens(
            List.of(
                TokenHash.newBuilder()
                    .setTokenId("tok-1")
                    .setAlgorithm("sha256")
                    .setHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                    .setCreatedAt(T0)
                    .setExpiresAt(T0.plusSeconds(86_400 * 365))
                    .setRevokedAt(null)
                    .build()))
        .setWebhook(
            Webhook.newBuilder()
                .setUrl("https://hooks.example.org/isac")
                .setSecret("s3cret-for-signing")
                .setEnabled(true)
                .setMaxBatch(50)
                .build())
        .setCreatedAt(T0)
        .setUpdatedAt(T0.plusSeconds(1))
        .build();
  }

  static Subscription subscription() {
    return Subscription.newBuilder()
        .setId("sub-us-pa-1")
        .setMember("us-pa")
        .setName("C2 in Pennsylvania")
        .setEnabled(true)
        .setObservableTypes(List.of("ipv4-addr", "domain-name"))
        .setMinScore(40)
        .setDecisions(List.of(Decision.ACTIVE, Decision.SUPPRESSED))
        .setLabels(List.of("c2"))
        .setKillChainPhases(List.of("mitre-attack:command-and-control"))
        .setSourcesInclude(List.of())
        .setSourcesExclude(List.of("noisy-feed"))
        .setJurisdictions(List.of("US-PA"))
        .setChannels(List.of("kafka", "webhook"))
        .setCreatedAt(T0)
        .setUpdatedAt(T0)
        .build();
  }

  static FeedEntry feedEntry() {
    return FeedEntry.newBuilder()
        .setMember("us-pa")
        .setOp(FeedOp.WITHDRAW)
        .setKey(KEY)
        .setIndicatorId("indicator--0b5bd4a4-0f6e-5b63-9a53-2a1f8a8f7e31")
        .setStateVersion(8)
        .setStix("{\"type\":\"indicator\",\"revoked\":true}")
        .setTlp(Tlp.AMBER)
        .setScore(12.5)
        .setDecision(Decision.EXPIRED)
        .setReason("expired")
        .setSubscriptions(List.of("sub-us-pa-1"))
        .setPublishedAt(T0)
        .setEmittedAt(T0.plusMillis(40))
        .build();
  }

  static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setStage("ingest")
        .setReasonCode("stix.pattern.syntax")
        .setReason("indicator--1 property pattern: line 1, column 5: expected ']'")
        .setSource("vendor-acme")
        .setSubmissionId("5d0c5a52-6c1b-4c55-9a57-0d0f5d9c8a11")
        .setObjectId("indicator--1")
        .setTopic("isac.submissions.v1")
        .setPartition(2)
        .setOffset(1234L)
        .setKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setHeaders(
            List.of(
                DeadLetterHeader.newBuilder()
                    .setKey("h")
                    .setValue(ByteBuffer.wrap(new byte[] {9}))
                    .build()))
        .setFailedAt(T0)
        .build();
  }

  static AuditEvent auditEvent() {
    return AuditEvent.newBuilder()
        .setEventId("delivery-us-pa-8")
        .setKind(AuditKind.DELIVERY)
        .setAt(T0)
        .setActor("distribute")
        .setMember("us-pa")
        .setChannel("webhook")
        .setKey(KEY)
        .setIndicatorId("indicator--0b5bd4a4-0f6e-5b63-9a53-2a1f8a8f7e31")
        .setVersion(8L)
        .setMarking(Tlp.AMBER)
        .setOutcome("ok")
        .setDetail(Map.of("status", "204"))
        .build();
  }

  static IngestPosition ingestPosition() {
    return IngestPosition.newBuilder()
        .setPollerId("upstream-cisa")
        .setApiRoot("https://taxii.example.org/api1/")
        .setCollectionId("91a7b528-80eb-42ed-a74d-c6fbd5a26116")
        .setAddedAfter("2026-11-03T11:00:00.000Z")
        .setNext("page-3")
        .setDateAddedLast("2026-11-03T11:59:59.123456Z")
        .setPages(12)
        .setObjects(1_200)
        .setUpdatedAt(T0)
        .build();
  }
}
