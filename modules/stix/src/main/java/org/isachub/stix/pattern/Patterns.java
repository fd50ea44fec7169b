package org.isachub.stix.pattern;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Operations on parsed patterns: the normal form used for keys, and path helpers.
 *
 * <p>Thread-safe: all methods are pure functions.
 */
public final class Patterns {

  private Patterns() {}

  /**
   * Writes a pattern in its normal form.
   *
   * <p>The normal form has single spaces between tokens and none inside brackets; operands of the
   * commutative {@code AND} and {@code OR} are flattened and sorted by their own normal form;
   * {@code FOLLOWEDBY} keeps its order; set elements are sorted and deduplicated; path steps are
   * quoted only when they must be; object-type aliases and hash-algorithm spellings are replaced by
   * their STIX names; well-formed hex hash values are lower-cased; numbers and timestamps are
   * written in their shortest exact form. Equivalent spellings of one pattern therefore give one
   * text, and the text parses back to an equivalent pattern.
   *
   * @param pattern a parsed pattern
   * @return the normal form
   */
  public static String normalise(Pattern pattern) {
    StringBuilder out = new StringBuilder();
    observation(pattern.expression(), out);
    return out.toString();
  }

  /**
   * Returns the hash algorithm when a path ends in {@code hashes.<algorithm>} with a known
   * algorithm, as in {@code file:hashes.'SHA-256'} or {@code artifact:hashes.md5}.
   *
   * @param path an object path
   * @return the algorithm, or empty when the path is not a known hash property
   */
  public static Optional<HashAlgorithm> hashAlgorithm(ObjectPath path) {
    List<PathStep> steps = path.steps();
    int n = steps.size();
    if (n >= 2
        && steps.get(n - 2) instanceof PropertyStep h
        && h.name().equals("hashes")
        && steps.get(n - 1) instanceof PropertyStep a) {
      return HashAlgorithm.fromName(a.name());
    }
    return Optional.empty();
  }

  // ---- observation expressions

  private static void observation(ObservationExpression e, StringBuilder out) {
    if (e instanceof Observation o) {
      out.append('[');
      comparison(o.comparison(), out);
      out.append(']');
    } else if (e instanceof ObservationAnd a) {
      List<ObservationExpression> flat = new ArrayList<>();
      flattenAnd(a.operands(), flat);
      joinSorted(flat, " AND ", x -> x instanceof ObservationOr || x instanceof FollowedBy, out);
    } else if (e instanceof ObservationOr o) {
      List<ObservationExpression> flat = new ArrayList<>();
      flattenOr(o.operands(), flat);
      joinSorted(flat, " OR ", x -> x instanceof FollowedBy, out);
    } else if (e instanceof FollowedBy f) {
      List<ObservationExpression> flat = new ArrayList<>();
      flattenFollowedBy(f, flat);
      for (int i = 0; i < flat.size(); i++) {
        if (i > 0) {
          out.append(" FOLLOWEDBY ");
        }
        // Only a left-nested FOLLOWEDBY is the same as the flat chain; others keep their group.
        group(flat.get(i), flat.get(i) instanceof FollowedBy, out);
      }
    } else {
      QualifiedObservation q = (QualifiedObservation) e;
      ObservationExpression inner = q.expression();
      group(inner, !(inner instanceof Observation || inner instanceof QualifiedObservation), out);
      out.append(' ');
      qualifier(q.qualifier(), out);
    }
  }

  private interface NeedsGroup {
    boolean test(ObservationExpression e);
  }

  private static void joinSorted(
      List<ObservationExpression> operands, String op, NeedsGroup needsGroup, StringBuilder out) {
    List<String> texts = new ArrayList<>(operands.size());
    for (ObservationExpression x : operands) {
      StringBuilder b = new StringBuilder();
      group(x, needsGroup.test(x), b);
      texts.add(b.toString());
    }
    texts.sort(null);
    out.append(String.join(op, texts));
  }

  private static void group(ObservationExpression e, boolean parenthesise, StringBuilder out) {
    if (parenthesise) {
      out.append('(');
    }
    observation(e, out);
    if (parenthesise) {
      out.append(')');
    }
  }

  private static void flattenAnd(List<ObservationExpression> in, List<ObservationExpression> out) {
    for (ObservationExpression x : in) {
      if (x instanceof ObservationAnd a) {
        flattenAnd(a.operands(), out);
      } else {
        out.add(x);
      }
    }
  }

  private static void flattenOr(List<ObservationExpression> in, List<ObservationExpression> out) {
    for (ObservationExpression x : in) {
      if (x instanceof ObservationOr o) {
        flattenOr(o.operands(), out);
      } else {
        out.add(x);
      }
    }
  }

  private static void flattenFollowedBy(FollowedBy f, List<ObservationExpression> out) {
    List<ObservationExpression> ops = f.operands();
    if (ops.get(0) instanceof FollowedBy first) {
      flattenFollowedBy(first, out);
    } else {
      out.add(ops.get(0));
    }
    out.addAll(ops.subList(1, ops.size()));
  }

  private static void qualifier(Qualifier q, StringBuilder out) {
    if (q instanceof WithinQualifier w) {
      out.append("WITHIN ").append(w.seconds().toPlainString()).append(" SECONDS");
    } else if (q instanceof RepeatsQualifier r) {
      out.append("REPEATS ").append(r.times()).append(" TIMES");
    } else {
      StartStopQualifier s = (StartStopQualifier) q;
      out.append("START ");
      constant(s.start(), null, out);
      out.append(" STOP ");
      constant(s.stop(), null, out);
    }
  }

  // ---- comparison expressions

  private static void comparison(ComparisonExpression e, StringBuilder out) {
    if (e instanceof Comparison c) {
      path(c.path(), out);
      out.append(c.negated() ? " NOT " : " ").append(c.operator().symbol()).append(' ');
      HashAlgorithm hash = hashAlgorithm(c.path()).orElse(null);
      constant(c.value(), hash, out);
    } else if (e instanceof ExistsTest x) {
      out.append("EXISTS ");
      path(x.path(), out);
    } else if (e instanceof ComparisonAnd a) {
      List<ComparisonExpression> flat = new ArrayList<>();
      flattenComparisonAnd(a.operands(), flat);
      List<String> texts = new ArrayList<>(flat.size());
      for (ComparisonExpression x : flat) {
        StringBuilder b = new StringBuilder();
        boolean paren = x instanceof ComparisonOr;
        b.append(paren ? "(" : "");
        comparison(x, b);
        b.append(paren ? ")" : "");
        texts.add(b.toString());
      }
      texts.sort(null);
      out.append(String.join(" AND ", texts));
    } else {
      List<ComparisonExpression> flat = new ArrayList<>();
      flattenComparisonOr(((ComparisonOr) e).operands(), flat);
      List<String> texts = new ArrayList<>(flat.size());
      for (ComparisonExpression x : flat) {
        StringBuilder b = new StringBuilder();
        comparison(x, b);
        texts.add(b.toString());
      }
      texts.sort(null);
      out.append(String.join(" OR ", texts));
    }
  }

  private static void flattenComparisonAnd(
      List<ComparisonExpression> in, List<ComparisonExpression> out) {
    for (ComparisonExpression x : in) {
      if (x instanceof ComparisonAnd a) {
        flattenComparisonAnd(a.operands(), out);
      } else {
        out.add(x);
      }
    }
  }

  private static void flattenComparisonOr(
      List<ComparisonExpression> in, List<ComparisonExpression> out) {
    for (ComparisonExpression x : in) {
      if (x instanceof ComparisonOr o) {
        flattenComparisonOr(o.operands(), out);
      } else {
        out.add(x);
      }
    }
  }

  private static void path(ObjectPath p, StringBuilder out) {
    out.append(ObservableTypes.canonicalName(p.objectType()).orElse(p.objectType()));
    List<PathStep> steps = p.steps();
    for (int i = 0; i < steps.size(); i++) {
      PathStep step = steps.get(i);
      if (step instanceof PropertyStep s) {
        out.append(i == 0 ? ':' : '.');
        String name = s.name();
        if (i > 0
            && steps.get(i - 1) instanceof PropertyStep prev
            && prev.name().equals("hashes")) {
          name = HashAlgorithm.fromName(name).map(HashAlgorithm::stixName).orElse(name);
        }
        if (isBareName(name)) {
          out.append(name);
        } else {
          quote(name, out);
        }
      } else if (step instanceof IndexStep n) {
        out.append('[').append(n.index()).append(']');
      } else {
        out.append("[*]");
      }
    }
  }

  private static boolean isBareName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  // ---- constants

  private static void constant(Constant c, @Nullable HashAlgorithm hash, StringBuilder out) {
    if (c instanceof StringConstant s) {
      String v = s.value();
      if (hash != null && hash.formatProblem(v) == null) {
        v = hash.normaliseValue(v);
      }
      quote(v, out);
    } else if (c instanceof IntConstant i) {
      out.append(i.value());
    } else if (c instanceof FloatConstant f) {
      out.append(floatText(f.value()));
    } else if (c instanceof BoolConstant b) {
      out.append(b.value());
    } else if (c instanceof HexConstant h) {
      out.append("h'").append(h.hex()).append('\'');
    } else if (c instanceof BinaryConstant b) {
      out.append("b'").append(b.base64()).append('\'');
    } else if (c instanceof TimestampConstant t) {
      out.append("t'").append(DateTimeFormatter.ISO_INSTANT.format(t.instant())).append('\'');
    } else {
      TreeSet<String> texts = new TreeSet<>();
      for (Constant e : ((SetConstant) c).elements()) {
        StringBuilder b = new StringBuilder();
        constant(e, hash, b);
        texts.add(b.toString());
      }
      out.append('(').append(String.join(", ", texts)).append(')');
    }
  }

  private static String floatText(BigDecimal value) {
    String s = value.toPlainString();
    return s.indexOf('.') >= 0 ? s : s + ".0";
  }

  /** Writes a string constant, escaping the two characters the grammar requires. */
  static void quote(String value, StringBuilder out) {
    out.append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '\'') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('\'');
  }
}
