package org.isachub.server.taxii;

/**
 * Settings of the TAXII server.
 *
 * @param defaultLimit objects per page when the client gives no {@code limit}
 * @param maxLimit the most objects per page, whatever the client asks
 * @param readers Kafka consumers kept for reading feeds (concurrent page reads)
 * @param statuses how many recent submission statuses are kept for {@code GET …/status/{id}/}
 */
public record TaxiiSettings(int defaultLimit, int maxLimit, int readers, int statuses) {

  /** Checks the values. */
  public TaxiiSettings {
    if (defaultLimit < 1 || maxLimit < defaultLimit || readers < 1 || statuses < 1) {
      throw new IllegalArgumentException(
          "TAXII settings need 1 <= defaultLimit <= maxLimit, readers >= 1 and statuses >= 1");
    }
  }

  /**
   * The defaults: pages of 1,000 (at most 10,000), 4 readers, 10,000 statuses.
   *
   * @return the settings
   */
  public static TaxiiSettings defaults() {
    return new TaxiiSettings(1_000, 10_000, 4, 10_000);
  }
}
