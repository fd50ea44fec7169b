package org.isachub.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits failed authentication attempts per remote address with a token bucket: an address may fail
 * {@code burst} times in a row, then earns one more attempt every {@code 60/perMinute} seconds.
 * While its bucket is empty every request from it is refused before its credentials are looked at,
 * so guessing cannot go faster than the refill rate.
 *
 * <p>Memory is bounded: past {@code maxTracked} addresses, buckets that have refilled are dropped,
 * and if that is not enough, further new addresses share one bucket (a spread-out attack is then
 * limited as a whole).
 *
 * <p>Thread-safe.
 */
public final class FailureLimiter {

  private static final String OVERFLOW = "(overflow)";

  private final double burst;
  private final double perNano;
  private final LongSupplier nanoTime;
  private final int maxTracked;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * What the limiter says about an address.
   *
   * @param retryAfterSeconds 0 if the address may try, otherwise seconds until it may
   * @param firstRefusal true on the first refusal since the address was last allowed (worth an
   *     audit event; the rest of a lockout is not)
   */
  public record Verdict(long retryAfterSeconds, boolean firstRefusal) {
    /**
     * Tells whether the address is refused.
     *
     * @return true when it must wait
     */
    public boolean refused() {
      return retryAfterSeconds > 0;
    }
  }

  /**
   * Creates a limiter.
   *
   * @param burst failures allowed in a row
   * @param perMinute failures earned back per minute
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
   * @param maxTracked most addresses tracked individually
   */
  public FailureLimiter(int burst, double perMinute, LongSupplier nanoTime, int maxTracked) {
    if (burst < 1 || !(perMinute > 0) || maxTracked < 1) {
      throw new IllegalArgumentException("burst, perMinute and maxTracked must be positive");
    }
    this.burst = burst;
    this.perNano = perMinute / 60e9;
    this.nanoTime = nanoTime;
    this.maxTracked = maxTracked;
  }

  /**
   * Checks, before looking at its credentials, whether an address may try.
   *
   * @param address the remote address
   * @return the verdict
   */
  public Verdict check(String address) {
    Bucket b = buckets.get(address);
    if (b == null && buckets.size() >= maxTracked) {
      b = buckets.get(OVERFLOW);
    }
    return b == null ? new Verdict(0, false) : b.check(nanoTime.getAsLong());
  }

  /**
   * Records a failed attempt.
   *
   * @param address the remote address
   */
  public void recordFailure(String address) {
    long now = nanoTime.getAsLong();
    if (!buckets.containsKey(address) && buckets.size() >= maxTracked) {
      buckets.values().removeIf(b -> b.full(now));
    }
    String key = buckets.containsKey(address) || buckets.size() < maxTracked ? address : OVERFLOW;
    buckets.computeIfAbsent(key, k -> new Bucket(now)).take(now);
  }

  /**
   * How many addresses are tracked.
   *
   * @return the count
   */
  public int tracked() {
    return buckets.size();
  }

  private final class Bucket {
    private double tokens = burst;
    private long last;
    private boolean refusing;

    Bucket(long now) {
      this.last = now;
    }

    synchronized Verdict check(long now) {
      refill(now);
      // The epsilon forgives floating-point dust: ten seconds at six a minute is one attempt.
      if (tokens >= 1 - 1e-9) {
        refusing = false;
        return new Verdict(0, false);
      }
      boolean first = !refusing;
      refusing = true;
      // The small epsilon keeps floating-point dust from adding a whole second.
      long seconds = (long) Math.ceil((1 - tokens) / perNano / 1e9 - 1e-6);
      return new Verdict(Math.max(1, seconds), first);
    }

    synchronized void take(long now) {
      refill(now);
      tokens = Math.max(0, tokens - 1);
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= burst - 1e-9;
    }

    private void refill(long now) {
      long elapsed = Math.max(0, now - last);
      tokens = Math.min(burst, tokens + elapsed * perNano);
      last = now;
    }
  }
}
