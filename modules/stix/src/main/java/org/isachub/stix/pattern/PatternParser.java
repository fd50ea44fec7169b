package org.isachub.stix.pattern;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and checks STIX 2.1 patterns.
 *
 * <p>The grammar, lowest precedence first:
 *
 * <pre>
 * pattern      = followedBy EOF
 * followedBy   = observOr ("FOLLOWEDBY" observOr)*
 * observOr     = observAnd ("OR" observAnd)*
 * observAnd    = qualified ("AND" qualified)*
 * qualified    = primary qualifier*
 * primary      = "[" compOr "]" | "(" followedBy ")"
 * qualifier    = "WITHIN" number "SECONDS" | "REPEATS" int "TIMES" | "START" t'…' "STOP" t'…'
 * compOr       = compAnd ("OR" compAnd)*
 * compAnd      = test ("AND" test)*
 * test         = "(" compOr ")" | "EXISTS" path | path ["NOT"] operator constant
 * path         = type ":" property ("." property | "[" (int | "*") "]")*
 * </pre>
 *
 * <p>Errors are reported in three passes, each complete before the next starts: literal formats
 * (timestamps, hex, base64, strings), then the grammar, then the semantic checks (object types,
 * hash formats, duplicate qualifiers, START before STOP). Keywords are case-sensitive.
 *
 * <p>Thread-safe: every call works on its own state.
 */
public final class PatternParser {

  /** Deferred semantic check, run after the whole text has parsed. */
  private interface Check {
    void run() throws PatternException;
  }

  private enum QualifierKind {
    WITHIN,
    REPEATS,
    START_STOP
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "AND",
          "OR",
          "NOT",
          "FOLLOWEDBY",
          "LIKE",
          "MATCHES",
          "ISSUBSET",
          "ISSUPERSET",
          "IN",
          "EXISTS",
          "WITHIN",
          "SECONDS",
          "REPEATS",
          "TIMES",
          "START",
          "STOP");

  private final List<Token> tokens;
  private final PatternLimits limits;
  private final List<Check> checks = new ArrayList<>();
  private int index;
  private int depth;

  private PatternParser(List<Token> tokens, PatternLimits limits) {
    this.tokens = tokens;
    this.limits = limits;
  }

  /**
   * Parses and semantically checks a STIX 2.1 pattern with the {@link PatternLimits#DEFAULT}
   * limits.
   *
   * @param text the pattern, for example {@code [ipv4-addr:value = '198.51.100.7']}
   * @return the syntax tree
   * @throws PatternException when the pattern is malformed, fails a semantic check or exceeds a
   *     limit
   */
  public static Pattern parse(String text) throws PatternException {
    return parse(text, PatternLimits.DEFAULT);
  }

  /**
   * Parses and semantically checks a STIX 2.1 pattern with the given limits.
   *
   * @param text the pattern
   * @param limits the length and nesting limits
   * @return the syntax tree
   * @throws PatternException when the pattern is malformed, fails a semantic check or exceeds a
   *     limit
   */
  public static Pattern parse(String text, PatternLimits limits) throws PatternException {
    if (text.length() > limits.maxLength()) {
      int[] at = position(text, limits.maxLength());
      throw new PatternException(
          PatternException.TOO_LONG,
          "pattern is longer than " + limits.maxLength() + " characters",
          at[0],
          at[1]);
    }
    PatternParser parser = new PatternParser(Lexer.tokenise(text), limits);
    Pattern pattern = parser.pattern();
    for (Check check : parser.checks) {
      check.run();
    }
    return pattern;
  }

  /** Line and column of a character offset, counted the way the lexer counts them. */
  private static int[] position(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        column = 1;
      } else if (c != '\r') {
        column++;
      }
    }
    return new int[] {line, column};
  }

  // ---- observation expressions

  private Pattern pattern() throws PatternException {
    if (peek().kind() == TokenKind.EOF) {
      throw syntax(peek(), "pattern is empty");
    }
    ObservationExpression e = followedBy();
    Token t = peek();
    if (t.kind() != TokenKind.EOF) {
      throw syntax(t, "expected AND, OR, FOLLOWEDBY, a qualifier or the end, found " + describe(t));
    }
    return new Pattern(e);
  }

  private ObservationExpression followedBy() throws PatternException {
    ObservationExpression first = observationOr();
    if (!peek().isKeyword("FOLLOWEDBY")) {
      return first;
    }
    List<ObservationExpression> operands = new ArrayList<>();
    operands.add(first);
    while (peek().isKeyword("FOLLOWEDBY")) {
      index++;
      operands.add(observationOr());
    }
    return new FollowedBy(operands);
  }

  private ObservationExpression observationOr() throws PatternException {
    ObservationExpression first = observationAnd();
    if (!peek().isKeyword("OR")) {
      return first;
    }
    List<ObservationExpression> operands = new ArrayList<>();
    operands.add(first);
    while (peek().isKeyword("OR")) {
      index++;
      operands.add(observationAnd());
    }
    return new ObservationOr(operands);
  }

  private ObservationExpression observationAnd() throws PatternException {
    ObservationExpression first = qualified();
    if (!peek().isKeyword("AND")) {
      return first;
    }
    List<ObservationExpression> operands = new ArrayList<>();
    operands.add(first);
    while (peek().isKeyword("AND")) {
      index++;
      operands.add(qualified());
    }
    return new ObservationAnd(operands);
  }

  private ObservationExpression qualified() throws PatternException {
    ObservationExpression e = primaryObservation();
    while (true) {
      Token t = peek();
      Qualifier q;
      QualifierKind kind;
      if (t.isKeyword("WITHIN")) {
        q = within();
        kind = QualifierKind.WITHIN;
      } else if (t.isKeyword("REPEATS")) {
        q = repeats();
        kind = QualifierKind.REPEATS;
      } else if (t.isKeyword("START")) {
        q = startStop();
        kind = QualifierKind.START_STOP;
      } else {
        return e;
      }
      ObservationExpression inner = e;
      checks.add(() -> checkNotDuplicate(inner, kind, t));
      e = new QualifiedObservation(e, q);
    }
  }

  private ObservationExpression primaryObservation() throws PatternException {
    Token t = peek();
    if (t.kind() == TokenKind.LBRACKET) {
      enter(t);
      index++;
      ComparisonExpression c = comparisonOr();
      expect(TokenKind.RBRACKET, "']' to close the observation");
      depth--;
      return new Observation(c);
    }
    if (t.kind() == TokenKind.LPAREN) {
      enter(t);
      index++;
      ObservationExpression e = followedBy();
      expect(TokenKind.RPAREN, "')' to close the group");
      depth--;
      return e;
    }
    throw syntax(t, "expected '[' or '(' to start an observation, found " + describe(t));
  }

  private WithinQualifier within() throws PatternException {
    index++;
    Token n = peek();
    BigDecimal seconds;
    if (n.constant() instanceof IntConstant i && i.value() > 0) {
      seconds = BigDecimal.valueOf(i.value());
    } else if (n.constant() instanceof FloatConstant f && f.value().signum() > 0) {
      seconds = f.value();
    } else {
      throw syntax(n, "WITHIN needs a positive number of seconds, found " + describe(n));
    }
    index++;
    expectKeyword("SECONDS", "WITHIN n SECONDS");
    return new WithinQualifier(seconds);
  }

  private RepeatsQualifier repeats() throws PatternException {
    index++;
    Token n = peek();
    if (!(n.constant() instanceof IntConstant i) || n.kind() != TokenKind.INT || i.value() <= 0) {
      throw syntax(n, "REPEATS needs a positive integer, found " + describe(n));
    }
    index++;
    expectKeyword("TIMES", "REPEATS n TIMES");
    return new RepeatsQualifier(i.value());
  }

  private StartStopQualifier startStop() throws PatternException {
    index++;
    TimestampConstant start = timestamp("START");
    expectKeyword("STOP", "START t'…' STOP t'…'");
    Token stopToken = peek();
    TimestampConstant stop = timestamp("STOP");
    checks.add(
        () -> {
          if (!stop.instant().isAfter(start.instant())) {
            throw new PatternException(
                PatternException.START_STOP_ORDER,
                "STOP timestamp must be later than the START timestamp",
                stopToken.line(),
                stopToken.column());
          }
        });
    return new StartStopQualifier(start, stop);
  }

  private TimestampConstant timestamp(String keyword) throws PatternException {
    Token t = peek();
    if (!(t.constant() instanceof TimestampConstant ts)) {
      throw syntax(t, keyword + " needs a t'…' timestamp, found " + describe(t));
    }
    index++;
    return ts;
  }

  private static void checkNotDuplicate(ObservationExpression inner, QualifierKind kind, Token at)
      throws PatternException {
    // Qualifiers nest, the first written innermost; walk down the chain below this one.
    ObservationExpression e = inner;
    while (e instanceof QualifiedObservation q) {
      if (kindOf(q.qualifier()) == kind) {
        throw new PatternException(
            PatternException.DUPLICATE_QUALIFIER,
            "observation expression already has a " + kind.name().replace('_', '/') + " qualifier",
            at.line(),
            at.column());
      }
      e = q.expression();
    }
  }

  private static QualifierKind kindOf(Qualifier q) {
    if (q instanceof WithinQualifier) {
      return QualifierKind.WITHIN;
    }
    return q instanceof RepeatsQualifier ? QualifierKind.REPEATS : QualifierKind.START_STOP;
  }

  // ---- comparison expressions

  private ComparisonExpression comparisonOr() throws PatternException {
    ComparisonExpression first = comparisonAnd();
    if (!peek().isKeyword("OR")) {
      return first;
    }
    List<ComparisonExpression> operands = new ArrayList<>();
    operands.add(first);
    while (peek().isKeyword("OR")) {
      index++;
      operands.add(comparisonAnd());
    }
    return new ComparisonOr(operands);
  }

  private ComparisonExpression comparisonAnd() throws PatternException {
    ComparisonExpression first = test();
    if (!peek().isKeyword("AND")) {
      return first;
    }
    List<ComparisonExpression> operands = new ArrayList<>();
    operands.add(first);
    while (peek().isKeyword("AND")) {
      index++;
      operands.add(test());
    }
    return new ComparisonAnd(operands);
  }

  private ComparisonExpression test() throws PatternException {
    Token t = peek();
    if (t.kind() == TokenKind.LPAREN) {
      enter(t);
      index++;
      ComparisonExpression c = comparisonOr();
      expect(TokenKind.RPAREN, "')' to close the group");
      depth--;
      return c;
    }
    if (t.isKeyword("EXISTS")) {
      index++;
      return new ExistsTest(objectPath());
    }
    ObjectPath path = objectPath();
    boolean negated = false;
    if (peek().isKeyword("NOT")) {
      negated = true;
      index++;
    }
    Token opToken = peek();
    ComparisonOperator op = operator(opToken);
    index++;
    Token valueToken = peek();
    Constant value;
    List<Token> elementTokens = List.of(valueToken);
    switch (op) {
      case IN -> {
        elementTokens = new ArrayList<>();
        value = set(elementTokens);
      }
      case LIKE, MATCHES, IS_SUBSET, IS_SUPERSET -> value = stringConstant(op, valueToken);
      default -> value = constant(valueToken, op);
    }
    Comparison c = new Comparison(path, negated, op, value);
    List<Token> at = elementTokens;
    checks.add(() -> checkHashValues(c, at));
    return c;
  }

  private ComparisonOperator operator(Token t) throws PatternException {
    switch (t.kind()) {
      case EQ:
        return ComparisonOperator.EQUAL;
      case NEQ:
        return ComparisonOperator.NOT_EQUAL;
      case LT:
        return ComparisonOperator.LESS;
      case LE:
        return ComparisonOperator.LESS_OR_EQUAL;
      case GT:
        return ComparisonOperator.GREATER;
      case GE:
        return ComparisonOperator.GREATER_OR_EQUAL;
      case WORD:
        switch (t.text()) {
          case "IN":
            return ComparisonOperator.IN;
          case "LIKE":
            return ComparisonOperator.LIKE;
          case "MATCHES":
            return ComparisonOperator.MATCHES;
          case "ISSUBSET":
            return ComparisonOperator.IS_SUBSET;
          case "ISSUPERSET":
            return ComparisonOperator.IS_SUPERSET;
          default:
            break;
        }
        break;
      default:
        break;
    }
    throw syntax(t, "expected a comparison operator, found " + describe(t));
  }

  private Constant constant(Token t, ComparisonOperator op) throws PatternException {
    Constant c = t.constant();
    if (c == null && t.kind() == TokenKind.WORD) {
      if (t.text().equals("true")) {
        c = new BoolConstant(true);
      } else if (t.text().equals("false")) {
        c = new BoolConstant(false);
      }
    }
    if (c == null) {
      throw syntax(t, "expected a constant after " + op.symbol() + ", found " + describe(t));
    }
    if (c instanceof BoolConstant
        && op != ComparisonOperator.EQUAL
        && op != ComparisonOperator.NOT_EQUAL
        && op != ComparisonOperator.IN) {
      throw syntax(t, "booleans can only be compared with = or !=");
    }
    index++;
    return c;
  }

  private StringConstant stringConstant(ComparisonOperator op, Token t) throws PatternException {
    if (!(t.constant() instanceof StringConstant s)) {
      throw syntax(t, op.symbol() + " needs a string constant, found " + describe(t));
    }
    index++;
    return s;
  }

  private SetConstant set(List<Token> elementTokens) throws PatternException {
    Token open = peek();
    if (open.kind() != TokenKind.LPAREN) {
      throw syntax(open, "IN needs a set such as ('a', 'b'), found " + describe(open));
    }
    index++;
    List<Constant> elements = new ArrayList<>();
    if (peek().kind() != TokenKind.RPAREN) {
      while (true) {
        Token t = peek();
        elementTokens.add(t);
        elements.add(constant(t, ComparisonOperator.IN));
        if (peek().kind() == TokenKind.COMMA) {
          index++;
        } else {
          break;
        }
      }
    }
    expect(TokenKind.RPAREN, "',' or ')' in the set");
    return new SetConstant(elements);
  }

  private ObjectPath objectPath() throws PatternException {
    Token typeToken = peek();
    if (typeToken.kind() != TokenKind.WORD || KEYWORDS.contains(typeToken.text())) {
      throw syntax(
          typeToken, "expected an object path such as file:name, found " + describe(typeToken));
    }
    index++;
    expect(TokenKind.COLON, "':' after the object type '" + typeToken.text() + "'");
    List<PathStep> steps = new ArrayList<>();
    steps.add(new PropertyStep(propertyName(peek())));
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.DOT) {
        index++;
        steps.add(new PropertyStep(propertyName(peek())));
      } else if (t.kind() == TokenKind.LBRACKET) {
        index++;
        Token i = peek();
        if (i.kind() == TokenKind.STAR) {
          steps.add(new AnyIndexStep());
        } else if (i.kind() == TokenKind.INT
            && i.constant() instanceof IntConstant n
            && n.value() >= 0
            && n.value() <= Integer.MAX_VALUE
            && !i.text().startsWith("+")) {
          steps.add(new IndexStep((int) n.value()));
        } else {
          throw syntax(i, "list index must be * or a non-negative integer, found " + describe(i));
        }
        index++;
        expect(TokenKind.RBRACKET, "']' to close the list index");
      } else {
        break;
      }
    }
    ObjectPath path = new ObjectPath(typeToken.text(), steps);
    checks.add(() -> checkObjectType(typeToken));
    return path;
  }

  private String propertyName(Token t) throws PatternException {
    if (t.kind() == TokenKind.STRING) {
      if (t.text().isEmpty()) {
        throw new PatternException(
            PatternException.BAD_PATH, "property name must not be empty", t.line(), t.column());
      }
      index++;
      return t.text();
    }
    if (t.kind() == TokenKind.WORD) {
      if (t.text().indexOf('-') >= 0) {
        throw syntax(
            t,
            "property name '" + t.text() + "' contains '-' and must be quoted: '" + t.text() + "'");
      }
      index++;
      return t.text();
    }
    throw syntax(t, "expected a property name, found " + describe(t));
  }

  // ---- semantic checks

  private static void checkObjectType(Token t) throws PatternException {
    if (ObservableTypes.canonicalName(t.text()).isEmpty()) {
      throw new PatternException(
          PatternException.UNKNOWN_OBJECT_TYPE,
          "'"
              + t.text()
              + "' is not a STIX 2.1 cyber-observable type nor a custom type starting with x-",
          t.line(),
          t.column());
    }
  }

  private static final Set<ComparisonOperator> HASH_CHECKED =
      EnumSet.of(ComparisonOperator.EQUAL, ComparisonOperator.NOT_EQUAL, ComparisonOperator.IN);

  private static void checkHashValues(Comparison c, List<Token> valueTokens)
      throws PatternException {
    if (!HASH_CHECKED.contains(c.operator())) {
      return;
    }
    Optional<HashAlgorithm> algorithm = Patterns.hashAlgorithm(c.path());
    if (algorithm.isEmpty()) {
      return;
    }
    List<Constant> values = c.value() instanceof SetConstant s ? s.elements() : List.of(c.value());
    for (int i = 0; i < values.size(); i++) {
      Token at = valueTokens.get(i);
      String problem =
          values.get(i) instanceof StringConstant s
              ? algorithm.get().formatProblem(s.value())
              : algorithm.get().stixName() + " value must be a string";
      if (problem != null) {
        throw new PatternException(PatternException.HASH_FORMAT, problem, at.line(), at.column());
      }
    }
  }

  // ---- helpers

  private Token peek() {
    return tokens.get(index);
  }

  private void enter(Token t) throws PatternException {
    if (++depth > limits.maxDepth()) {
      throw new PatternException(
          PatternException.TOO_DEEP,
          "brackets and parentheses nest deeper than " + limits.maxDepth() + " levels",
          t.line(),
          t.column());
    }
  }

  private void expect(TokenKind kind, String what) throws PatternException {
    Token t = peek();
    if (t.kind() != kind) {
      throw syntax(t, "expected " + what + ", found " + describe(t));
    }
    index++;
  }

  private void expectKeyword(String keyword, String form) throws PatternException {
    Token t = peek();
    if (!t.isKeyword(keyword)) {
      throw syntax(t, "expected " + keyword + " in " + form + ", found " + describe(t));
    }
    index++;
  }

  private static String describe(Token t) {
    String d = t.describe();
    if (t.kind() == TokenKind.WORD) {
      String upper = t.text().toUpperCase(Locale.ROOT);
      if (!upper.equals(t.text()) && KEYWORDS.contains(upper)) {
        return d + " (keywords are upper case: " + upper + ")";
      }
    }
    return d;
  }

  private static PatternException syntax(Token t, String reason) {
    return new PatternException(PatternException.SYNTAX, reason, t.line(), t.column());
  }
}
