package org.isachub.ingest;

import java.util.List;
import java.util.Objects;
import org.isachub.stix.model.Tlp;
import org.jspecify.annotations.Nullable;

/**
 * One request to ingest: the bytes as received and who sent them, as an HTTP handler, the {@code
 * publish} command or a feed job hands them over.
 *
 * @param body the request body, unparsed
 * @param format how to read it (see {@link IngestFormat#choose})
 * @param csvMapping for CSV: the mapping name ({@code feodo}, {@code urlhaus}, {@code generic});
 *     null means {@code generic}
 * @param source the source the contributions are attributed to: the authenticated member's id or a
 *     configured feed source id
 * @param submittedBy the authenticated member (or hub component) that sent the request
 * @param tlp the TLP the submitter chose for the whole request, or null; an object's own marking
 *     wins over it
 * @param defaultTlp the source's default TLP, used when neither the object nor the request names
 *     one
 * @param recipients member ids allowed to see AMBER+STRICT and RED contributions
 * @param anonymous whether the source asks to be shown as "a member"
 */
public record IngestRequest(
    byte[] body,
    IngestFormat format,
    @Nullable String csvMapping,
    String source,
    String submittedBy,
    @Nullable Tlp tlp,
    Tlp defaultTlp,
    List<String> recipients,
    boolean anonymous) {

  /** Checks the required fields and copies the recipients. */
  public IngestRequest {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(defaultTlp, "defaultTlp");
    if (source.isBlank() || submittedBy.isBlank()) {
      throw new IllegalArgumentException("source and submittedBy must not be blank");
    }
    recipients = List.copyOf(recipients);
  }

  /**
   * A request with no submission TLP, recipients or anonymity.
   *
   * @param body the bytes
   * @param format the format
   * @param source the source id, also recorded as the submitter
   * @param defaultTlp the source's default TLP
   * @return the request
   */
  public static IngestRequest of(byte[] body, IngestFormat format, String source, Tlp defaultTlp) {
    return new IngestRequest(
        body, format, null, source, source, null, defaultTlp, List.of(), false);
  }

  /**
   * Returns a copy that reads CSV with the named mapping.
   *
   * @param mapping the mapping name
   * @return the copy
   */
  public IngestRequest withCsvMapping(String mapping) {
    return new IngestRequest(
        body, format, mapping, source, submittedBy, tlp, defaultTlp, recipients, anonymous);
  }

  /**
   * Returns a copy with a submission TLP and named recipients.
   *
   * @param level the TLP of the whole request
   * @param names the recipients
   * @return the copy
   */
  public IngestRequest withTlp(Tlp level, List<String> names) {
    return new IngestRequest(
        body, format, csvMapping, source, submittedBy, level, defaultTlp, names, anonymous);
  }
}
