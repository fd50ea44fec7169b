package org.isachub.bench;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.isachub.stix.model.StixIds;
import org.isachub.wire.Topics;
import org.isachub.wire.WireSerde;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.Tlp;

/**
 * The baseline: the hub's two Kafka Streams hops with the same topics, serdes and exactly-once
 * settings, but no hub logic. The first copies each submission into an indicator state (a fixed
 * template with the key filled in); the second writes each indicator state to member feed topics,
 * as many feed entries per indicator as the real pipeline wrote on average.
 */
final class Baseline {

  private Baseline() {}

  static Topology enrichHop() {
    Topology t = new Topology();
    t.addSource(
        "baseline-submissions",
        Serdes.String().deserializer(),
        Topics.SUBMISSIONS.valueSerde().deserializer(),
        Topics.SUBMISSIONS.name());
    t.addProcessor("baseline-copy", CopyProcessor::new, "baseline-submissions");
    t.addSink(
        "baseline-indicators",
        Topics.INDICATORS.name(),
        Serdes.String().serializer(),
        Topics.INDICATORS.valueSerde().serializer(),
        "baseline-copy");
    return t;
  }

  static Topology distributeHop(List<String> members, double fanOut) {
    Topology t = new Topology();
    t.addSource(
        "baseline-indicators-in",
        Serdes.String().deserializer(),
        Topics.INDICATORS.valueSerde().deserializer(),
        Topics.INDICATORS.name());
    t.addProcessor(
        "baseline-fanout", () -> new FanOutProcessor(members, fanOut), "baseline-indicators-in");
    TopicNameExtractor<String, FeedEntry> topic = (k, v, c) -> Topics.feed(v.getMember()).name();
    t.addSink(
        "baseline-feeds",
        topic,
        Serdes.String().serializer(),
        new WireSerde<>(FeedEntry.class),
        "baseline-fanout");
    return t;
  }

  private static final class CopyProcessor
      implements Processor<String, Submission, String, IndicatorState> {
    private ProcessorContext<String, IndicatorState> context;

    @Override
    public void init(ProcessorContext<String, IndicatorState> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, Submission> record) {
      Submission s = record.value();
      if (s == null) {
        return;
      }
      Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
      IndicatorState state =
          IndicatorState.newBuilder()
              .setKey(s.getKey())
              .setIndicatorId(s.getObjectId())
              .setObservableType(s.getObservableType())
              .setValue(s.getKey())
              .setPattern(s.getKey())
              .setVersion(1)
              .setCreated(now)
              .setModified(now)
              .setValidFrom(s.getValidFrom())
              .setDecision(Decision.ACTIVE)
              .setContributions(List.of())
              .setSightings(List.of())
              .setViews(List.of())
              .setModelVersion("baseline")
              .setPublishedAt(s.getSubmittedAt())
              .build();
      context.forward(record.withValue(state));
    }
  }

  private static final class FanOutProcessor
      implements Processor<String, IndicatorState, String, FeedEntry> {
    private final List<String> members;
    private final double fanOut;
    private ProcessorContext<String, FeedEntry> context;
    private double carried;
    private int next;

    FanOutProcessor(List<String> members, double fanOut) {
      this.members = members;
      this.fanOut = fanOut;
    }

    @Override
    public void init(ProcessorContext<String, FeedEntry> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, IndicatorState> record) {
      IndicatorState s = record.value();
      if (s == null) {
        return;
      }
      carried += fanOut;
      int n = (int) carried;
      carried -= n;
      Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
      for (int i = 0; i < n; i++) {
        String member = members.get(next++ % members.size());
        context.forward(
            record.withValue(
                FeedEntry.newBuilder()
                    .setMember(member)
                    .setOp(FeedOp.UPSERT)
                    .setKey(s.getKey())
                    .setIndicatorId(StixIds.deterministic("indicator", s.getKey()))
                    .setStateVersion(s.getVersion())
                    .setStix(TEMPLATE_STIX)
                    .setTlp(Tlp.GREEN)
                    .setScore(50)
                    .setDecision(Decision.ACTIVE)
                    .setPublishedAt(s.getPublishedAt())
                    .setEmittedAt(now)
                    .build()));
      }
    }
  }

  /** A feed object of typical size, so the baseline writes as many bytes as the pipeline. */
  private static final String TEMPLATE_STIX =
      "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--0b5bd4a4-0f6e-5b63-9a53-2a1f8a8f7e31\","
          + "\"created_by_ref\":\"identity--4f6a2c3e-8c0b-5e8e-9b7a-0e2d5f1c9a77\",\"created\":\"2026-11-03T06:00:00.000Z\","
          + "\"modified\":\"2026-11-03T06:00:00.000Z\",\"name\":\"ipv4-addr 45.137.21.9\","
          + "\"pattern\":\"[ipv4-addr:value = '45.137.21.9']\",\"pattern_type\":\"stix\","
          + "\"valid_from\":\"2026-11-03T06:00:00.000Z\",\"confidence\":55,"
          + "\"object_marking_refs\":[\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\"],"
          + "\"x_isachub_sources\":[\"feodo\"],\"x_isachub_decision\":\"ACTIVE\",\"x_isachub_sightings\":0,"
          + "\"x_isachub_false_positives\":0,\"x_isachub_score\":{\"model_version\":\"v1\",\"value\":55.0,"
          + "\"corroboration\":0.5,\"sighting_factor\":1.0,\"false_positive_factor\":1.0,\"base\":55.0,"
          + "\"decay\":1.0,\"lifetime_days\":47.0,\"decay_speed\":1.65,\"reference_time\":\"2026-11-03T06:00:00Z\"}}";
}
