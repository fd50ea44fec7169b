package org.isachub.stix.pattern;

import org.jspecify.annotations.Nullable;

/**
 * One lexical token.
 *
 * @param kind what the token is
 * @param text the word, the decoded string value, or the lexeme
 * @param constant the literal's value for constant tokens, else {@code null}
 * @param line 1-based line of the first character
 * @param column 1-based column of the first character
 */
record Token(TokenKind kind, String text, @Nullable Constant constant, int line, int column) {

  /** Returns whether this is the word {@code keyword}, which is case-sensitive. */
  boolean isKeyword(String keyword) {
    return kind == TokenKind.WORD && text.equals(keyword);
  }

  /** Describes the token for error messages. */
  String describe() {
    return switch (kind) {
      case EOF -> "the end of the pattern";
      case WORD -> "'" + text + "'";
      case STRING -> "a string";
      case INT, FLOAT -> "the number " + text;
      case HEX, BINARY, TIMESTAMP ->
          "a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " constant";
      default -> "'" + text + "'";
    };
  }
}
