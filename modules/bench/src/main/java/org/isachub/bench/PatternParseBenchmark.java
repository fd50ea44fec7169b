package org.isachub.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.isachub.stix.pattern.Pattern;
import org.isachub.stix.pattern.PatternException;
import org.isachub.stix.pattern.PatternParser;
import org.isachub.stix.pattern.Patterns;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Time to parse and check one STIX pattern, and to parse and normalise it, over the corpora. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PatternParseBenchmark {

  private List<String> patterns = List.of();
  private int next;

  /** Loads the valid pattern corpora (73 patterns when the shared data is present). */
  @Setup
  public void load() {
    patterns = BenchInputs.patterns();
  }

  private String nextPattern() {
    String p = patterns.get(next);
    next = next + 1 == patterns.size() ? 0 : next + 1;
    return p;
  }

  /** Parses and semantically checks one pattern, cycling through the corpora. */
  @Benchmark
  public Pattern parse() throws PatternException {
    return PatternParser.parse(nextPattern());
  }

  /** Parses one pattern and writes its normal form, the work behind a pattern-hash key. */
  @Benchmark
  public String parseAndNormalise() throws PatternException {
    return Patterns.normalise(PatternParser.parse(nextPattern()));
  }
}
