package org.isachub.stix.pattern;

/**
 * Resource limits the parser enforces before and while it reads a pattern.
 *
 * @param maxLength the longest accepted pattern, in UTF-16 code units
 * @param maxDepth the deepest accepted nesting of brackets and parentheses; the parser recurses
 *     once per level, so keep this in the low thousands at most
 */
public record PatternLimits(int maxLength, int maxDepth) {

  /** The defaults: 64 KiB of text and 64 levels of nesting. */
  public static final PatternLimits DEFAULT = new PatternLimits(64 * 1024, 64);

  /** Checks that both limits are positive. */
  public PatternLimits {
    if (maxLength < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("pattern limits must be positive");
    }
  }
}
