package org.isachub.stix.pattern;

/** The kinds of lexical tokens; keywords are {@link #WORD}s told apart by the parser. */
enum TokenKind {
  LBRACKET,
  RBRACKET,
  LPAREN,
  RPAREN,
  COMMA,
  COLON,
  DOT,
  STAR,
  EQ,
  NEQ,
  LT,
  LE,
  GT,
  GE,
  WORD,
  STRING,
  INT,
  FLOAT,
  HEX,
  BINARY,
  TIMESTAMP,
  EOF
}
