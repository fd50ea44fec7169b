package org.isachub.ingest.adapt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.isachub.stix.model.Tlp;
import org.jspecify.annotations.Nullable;

/**
 * Who sent a request and how it is to be recorded: the envelope fields every record of the request
 * shares.
 *
 * @param submissionId the id of the request or feed batch (a UUID)
 * @param source the source contributions are attributed to
 * @param submittedBy the member or hub component that wrote the records
 * @param adapter the adapter name ({@code stix}, {@code csv}, {@code text}, {@code misp}, {@code
 *     taxii})
 * @param tlp the TLP the submitter chose for the request, or null
 * @param defaultTlp the source's default TLP
 * @param recipients the named recipients for AMBER+STRICT and RED
 * @param anonymous whether the source asks to be shown as "a member"
 * @param receivedAt when the hub received the request
 */
public record RequestContext(
    String submissionId,
    String source,
    String submittedBy,
    String adapter,
    @Nullable Tlp tlp,
    Tlp defaultTlp,
    List<String> recipients,
    boolean anonymous,
    Instant receivedAt) {

  /** Checks the fields and copies the recipients. */
  public RequestContext {
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(defaultTlp, "defaultTlp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    recipients = List.copyOf(recipients);
  }
}
