package org.isachub.stix.pattern;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pattern into tokens and checks literal formats.
 *
 * <p>The whole text is tokenised before parsing starts, so a malformed literal is reported even
 * when the grammar would fail later on.
 */
final class Lexer {
  private final String text;
  private int pos;
  private int line = 1;
  private int column = 1;

  private Lexer(String text) {
    this.text = text;
  }

  /** Tokenises {@code text}; the last token is always {@link TokenKind#EOF}. */
  static List<Token> tokenise(String text) throws PatternException {
    return new Lexer(text).run();
  }

  private List<Token> run() throws PatternException {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos >= text.length()) {
        tokens.add(new Token(TokenKind.EOF, "", null, line, column));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
        return;
      }
      advance();
    }
  }

  /** Consumes one character, keeping line and column; CR LF counts as one line break. */
  private char advance() {
    char c = text.charAt(pos++);
    if (c == '\n' || (c == '\r' && (pos >= text.length() || text.charAt(pos) != '\n'))) {
      line++;
      column = 1;
    } else if (c != '\r') {
      column++;
    }
    return c;
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private Token next() throws PatternException {
    int startLine = line;
    int startColumn = column;
    char c = peek(0);
    switch (c) {
      case '[':
        return simple(TokenKind.LBRACKET, 1);
      case ']':
        return simple(TokenKind.RBRACKET, 1);
      case '(':
        return simple(TokenKind.LPAREN, 1);
      case ')':
        return simple(TokenKind.RPAREN, 1);
      case ',':
        return simple(TokenKind.COMMA, 1);
      case ':':
        return simple(TokenKind.COLON, 1);
      case '*':
        return simple(TokenKind.STAR, 1);
      case '=':
        return simple(TokenKind.EQ, 1);
      case '!':
        if (peek(1) == '=') {
          return simple(TokenKind.NEQ, 2);
        }
        break;
      case '<':
        if (peek(1) == '=') {
          return simple(TokenKind.LE, 2);
        }
        if (peek(1) == '>') {
          return simple(TokenKind.NEQ, 2);
        }
        return simple(TokenKind.LT, 1);
      case '>':
        return peek(1) == '=' ? simple(TokenKind.GE, 2) : simple(TokenKind.GT, 1);
      case '\'':
        return string(startLine, startColumn);
      case '.':
        return isDigit(peek(1)) ? number(startLine, startColumn) : simple(TokenKind.DOT, 1);
      default:
        break;
    }
    if (isDigit(c) || ((c == '-' || c == '+') && (isDigit(peek(1)) || peek(1) == '.'))) {
      return number(startLine, startColumn);
    }
    if ((c == 't' || c == 'h' || c == 'b') && peek(1) == '\'') {
      return typedLiteral(c, startLine, startColumn);
    }
    if (isWordStart(c)) {
      int start = pos;
      while (pos < text.length() && isWordPart(text.charAt(pos))) {
        advance();
      }
      return new Token(TokenKind.WORD, text.substring(start, pos), null, startLine, startColumn);
    }
    throw new PatternException(
        PatternException.SYNTAX,
        "unexpected character '" + new String(Character.toChars(text.codePointAt(pos))) + "'",
        startLine,
        startColumn);
  }

  private Token simple(TokenKind kind, int length) {
    Token t = new Token(kind, text.substring(pos, pos + length), null, line, column);
    for (int i = 0; i < length; i++) {
      advance();
    }
    return t;
  }

  private Token string(int startLine, int startColumn) throws PatternException {
    advance(); // opening quote
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new PatternException(
            PatternException.SYNTAX, "string constant is not closed", startLine, startColumn);
      }
      int escLine = line;
      int escColumn = column;
      char c = advance();
      if (c == '\'') {
        String s = value.toString();
        return new Token(TokenKind.STRING, s, new StringConstant(s), startLine, startColumn);
      }
      if (c == '\\') {
        char e = pos < text.length() ? text.charAt(pos) : '\0';
        if (e != '\\' && e != '\'') {
          throw new PatternException(
              PatternException.BAD_STRING,
              "only \\' and \\\\ may be escaped in a string constant",
              escLine,
              escColumn);
        }
        value.append(advance());
      } else {
        value.append(c);
      }
    }
  }

  private Token number(int startLine, int startColumn) throws PatternException {
    int start = pos;
    if (peek(0) == '-' || peek(0) == '+') {
      advance();
    }
    while (isDigit(peek(0))) {
      advance();
    }
    boolean isFloat = false;
    if (peek(0) == '.' && isDigit(peek(1))) {
      isFloat = true;
      advance();
      while (isDigit(peek(0))) {
        advance();
      }
    }
    if (isWordPart(peek(0)) || peek(0) == '.') {
      throw new PatternException(
          PatternException.SYNTAX,
          "malformed number '" + text.substring(start, pos) + peek(0) + "'",
          startLine,
          startColumn);
    }
    String lexeme = text.substring(start, pos);
    if (isFloat) {
      return new Token(
          TokenKind.FLOAT,
          lexeme,
          new FloatConstant(new BigDecimal(lexeme)),
          startLine,
          startColumn);
    }
    String digits =
        lexeme.charAt(0) == '-' || lexeme.charAt(0) == '+' ? lexeme.substring(1) : lexeme;
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw new PatternException(
          PatternException.SYNTAX,
          "integer constant '" + lexeme + "' has a leading zero",
          startLine,
          startColumn);
    }
    long value;
    try {
      value = Long.parseLong(lexeme);
    } catch (NumberFormatException e) {
      throw new PatternException(
          PatternException.BAD_NUMBER,
          "integer constant '" + lexeme + "' is out of range",
          startLine,
          startColumn);
    }
    return new Token(TokenKind.INT, lexeme, new IntConstant(value), startLine, startColumn);
  }

  private Token typedLiteral(char prefix, int startLine, int startColumn) throws PatternException {
    advance(); // prefix
    advance(); // opening quote
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != '\'') {
      advance();
    }
    if (pos >= text.length()) {
      throw new PatternException(
          PatternException.SYNTAX, prefix + "'…' constant is not closed", startLine, startColumn);
    }
    String body = text.substring(start, pos);
    advance(); // closing quote
    return switch (prefix) {
      case 't' ->
          new Token(
              TokenKind.TIMESTAMP,
              body,
              Timestamps.parse(body, startLine, startColumn),
              startLine,
              startColumn);
      case 'h' ->
          new Token(TokenKind.HEX, body, hex(body, startLine, startColumn), startLine, startColumn);
      default ->
          new Token(
              TokenKind.BINARY, body, binary(body, startLine, startColumn), startLine, startColumn);
    };
  }

  private static HexConstant hex(String body, int line, int column) throws PatternException {
    boolean ok = body.length() % 2 == 0;
    for (int i = 0; ok && i < body.length(); i++) {
      ok = Character.digit(body.charAt(i), 16) >= 0 && body.charAt(i) < 128;
    }
    if (!ok) {
      throw new PatternException(
          PatternException.BAD_HEX,
          "hex constant must hold an even number of hex digits",
          line,
          column);
    }
    return new HexConstant(body);
  }

  private static BinaryConstant binary(String body, int line, int column) throws PatternException {
    boolean ok = body.length() % 4 == 0;
    int padding = 0;
    for (int i = 0; ok && i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '=') {
        padding++;
      } else {
        boolean alphabet =
            (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/';
        // A data character after padding, or outside the alphabet, is not base64.
        ok = alphabet && padding == 0;
      }
    }
    if (!ok || padding > 2) {
      throw new PatternException(
          PatternException.BAD_BINARY,
          "binary constant must be padded base64 (A-Z, a-z, 0-9, +, /, at most two trailing =)",
          line,
          column);
    }
    return new BinaryConstant(body);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c) || c == '-';
  }

  /** Timestamp literal checks, kept apart because they are the longest. */
  static final class Timestamps {
    private static final java.util.regex.Pattern SHAPE =
        java.util.regex.Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]+))?Z");

    private Timestamps() {}

    static TimestampConstant parse(String body, int line, int column) throws PatternException {
      var m = SHAPE.matcher(body);
      if (!m.matches()) {
        throw bad(
            "timestamp must be written t'YYYY-MM-DDTHH:MM:SS[.fraction]Z' in UTC", line, column);
      }
      int year = Integer.parseInt(m.group(1));
      int month = Integer.parseInt(m.group(2));
      int day = Integer.parseInt(m.group(3));
      int hour = Integer.parseInt(m.group(4));
      int minute = Integer.parseInt(m.group(5));
      int second = Integer.parseInt(m.group(6));
      if (month < 1 || month > 12) {
        throw bad("timestamp month must be 01 to 12", line, column);
      }
      LocalDate date;
      try {
        date = LocalDate.of(year, month, day);
      } catch (DateTimeException e) {
        throw bad(
            "timestamp day " + m.group(3) + " does not exist in " + m.group(1) + "-" + m.group(2),
            line,
            column);
      }
      if (hour > 23) {
        throw bad("timestamp hour must be 00 to 23", line, column);
      }
      if (minute > 59) {
        throw bad("timestamp minute must be 00 to 59", line, column);
      }
      if (second > 59) {
        throw bad(
            "timestamp second must be 00 to 59 (leap seconds are not supported)", line, column);
      }
      String fraction = m.group(7) == null ? "" : m.group(7);
      if (fraction.length() > 9) {
        throw bad("timestamp fraction has more than nanosecond precision", line, column);
      }
      int nanos =
          fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
      return new TimestampConstant(
          date.atTime(hour, minute, second, nanos).toInstant(ZoneOffset.UTC));
    }

    private static PatternException bad(String reason, int line, int column) {
      return new PatternException(PatternException.BAD_TIMESTAMP, reason, line, column);
    }
  }
}
