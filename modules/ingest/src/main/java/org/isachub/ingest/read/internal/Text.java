package org.isachub.ingest.read.internal;

/** Small string checks shared by the readers. */
public final class Text {

  private Text() {}

  /**
   * Finds the first control character other than tab: C0, DEL and C1.
   *
   * @param s the text
   * @return the index of the first control character, or -1
   */
  public static int firstControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Describes a control character for a rejection reason.
   *
   * @param s the text
   * @param index where the control character is
   * @return e.g. {@code U+0000 at position 4}
   */
  public static String describeControl(String s, int index) {
    return String.format("U+%04X at position %d", (int) s.charAt(index), index + 1);
  }

  /**
   * Tells whether the text holds any whitespace character.
   *
   * @param s the text
   * @return true when some character is whitespace
   */
  public static boolean hasWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i)) || Character.isSpaceChar(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
