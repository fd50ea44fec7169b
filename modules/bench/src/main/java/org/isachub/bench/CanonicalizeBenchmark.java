package org.isachub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.isachub.stix.observable.Canonicalizer;
import org.isachub.stix.observable.ObservableException;
import org.isachub.stix.observable.ObservableKey;
import org.isachub.stix.pattern.Pattern;
import org.isachub.stix.pattern.PatternException;
import org.isachub.stix.pattern.PatternParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Time to turn one raw value or one parsed pattern into its canonical observable key. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CanonicalizeBenchmark {

  private final Canonicalizer canonicalizer = new Canonicalizer();
  private List<String> values = List.of();
  private List<Pattern> patterns = List.of();
  private int nextValue;
  private int nextPattern;

  /** Loads the feed samples plus synthetic values, and parses the pattern corpora once. */
  @Setup
  public void load() throws PatternException {
    values = BenchInputs.rawValues();
    List<Pattern> parsed = new ArrayList<>();
    for (String p : BenchInputs.patterns()) {
      parsed.add(PatternParser.parse(p));
    }
    patterns = parsed;
  }

  /** Detects the type of one raw value from the mix and canonicalises it. */
  @Benchmark
  public ObservableKey detect() throws ObservableException {
    String v = values.get(nextValue);
    nextValue = nextValue + 1 == values.size() ? 0 : nextValue + 1;
    return canonicalizer.detect(v);
  }

  /** Keys one already-parsed pattern: an observable key or the hash of its normal form. */
  @Benchmark
  public ObservableKey fromPattern() throws ObservableException {
    Pattern p = patterns.get(nextPattern);
    nextPattern = nextPattern + 1 == patterns.size() ? 0 : nextPattern + 1;
    return canonicalizer.fromPattern(p);
  }

  /** Canonicalises one IPv4 address given as typed, the commonest blocklist column. */
  @Benchmark
  public ObservableKey ipv4() throws ObservableException {
    return canonicalizer.canonical("ipv4-addr", "198.51.100.7");
  }

  /** Canonicalises one internationalised domain name. */
  @Benchmark
  public ObservableKey domain() throws ObservableException {
    return canonicalizer.canonical("domain-name", "WWW.Bücher.Example.");
  }

  /** Canonicalises one defanged URL with a default port, escapes and a fragment. */
  @Benchmark
  public ObservableKey url() throws ObservableException {
    return canonicalizer.canonical(
        "url", "hxxps://login.example[.]org:443/a/./b/%7euser?q=%2f#top");
  }
}
