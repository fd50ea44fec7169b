package org.isachub.ingest.taxii;

/** Called with a page's records sent and its transaction still open; lets tests crash a poller. */
@FunctionalInterface
interface PageHook {

  /** A hook that does nothing. */
  PageHook NONE = page -> {};

  /**
   * Runs before the page's transaction commits.
   *
   * @param page the 1-based number of the page within this poll
   */
  void beforeCommit(int page);
}
