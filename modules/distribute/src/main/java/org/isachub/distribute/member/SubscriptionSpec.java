package org.isachub.distribute.member;

import java.util.List;
import java.util.Objects;
import org.isachub.wire.avro.Decision;

/**
 * A subscription filter as a member or administrator gives it; checked and normalised by {@link
 * Validation#subscription(SubscriptionSpec)}. Empty lists mean "any". The member's clearance caps
 * whatever a subscription matches.
 *
 * @param id the subscription id
 * @param member the owning member id
 * @param name the name shown to people
 * @param enabled whether it matches anything
 * @param observableTypes STIX observable types to match; empty for all
 * @param minScore lowest score (0-100), as the member sees it
 * @param decisions decisions to deliver: {@code ACTIVE}, and {@code SUPPRESSED} on request
 * @param labels labels of which at least one must be present; empty for any
 * @param killChainPhases {@code kill_chain_name:phase_name} values; empty for any
 * @param sourcesIncluded sources of which one must have contributed; empty for any
 * @param sourcesExcluded sources whose contributions are ignored
 * @param jurisdictions jurisdictions an indicator must concern (or none); empty for any
 * @param channels delivery channels: kafka, taxii, webhook, blocklist
 */
public record SubscriptionSpec(
    String id,
    String member,
    String name,
    boolean enabled,
    List<String> observableTypes,
    double minScore,
    List<Decision> decisions,
    List<String> labels,
    List<String> killChainPhases,
    List<String> sourcesIncluded,
    List<String> sourcesExcluded,
    List<String> jurisdictions,
    List<String> channels) {

  /** The channels of a subscription that names none. */
  public static final List<String> DEFAULT_CHANNELS = List.of("kafka", "taxii");

  /** Checks that nothing is missing and copies the lists. */
  public SubscriptionSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(name, "name");
    observableTypes = List.copyOf(observableTypes);
    decisions = List.copyOf(decisions);
    labels = List.copyOf(labels);
    killChainPhases = List.copyOf(killChainPhases);
    sourcesIncluded = List.copyOf(sourcesIncluded);
    sourcesExcluded = List.copyOf(sourcesExcluded);
    jurisdictions = List.copyOf(jurisdictions);
    channels = List.copyOf(channels);
  }

  /**
   * A subscription to everything the member may see: every type, any score, active indicators.
   *
   * @param id the subscription id
   * @param member the owning member id
   * @param name the name shown to people
   * @param channels delivery channels
   * @return the spec
   */
  public static SubscriptionSpec everything(
      String id, String member, String name, List<String> channels) {
    return new SubscriptionSpec(
        id,
        member,
        name,
        true,
        List.of(),
        0.0,
        List.of(Decision.ACTIVE),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        channels);
  }
}
