package org.isachub.stix.observable;

/**
 * Length limits applied to raw values before any work is done on them.
 *
 * @param maxUrlLength the longest accepted URL, raw or canonical, in UTF-16 code units
 * @param maxValueLength the longest accepted value of any other type; domain names are further
 *     limited to 253 characters by DNS
 */
public record ObservableLimits(int maxUrlLength, int maxValueLength) {

  /** The defaults: 8 KiB for URLs, 1 KiB for everything else. */
  public static final ObservableLimits DEFAULT = new ObservableLimits(8 * 1024, 1024);

  /** Checks that both limits are positive. */
  public ObservableLimits {
    if (maxUrlLength < 1 || maxValueLength < 1) {
      throw new IllegalArgumentException("observable limits must be positive");
    }
  }
}
