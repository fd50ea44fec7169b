package org.isachub.stix.observable;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;
import java.util.Set;

/** Domain names as lower-case A-labels (UTS #46 non-transitional), without the trailing dot. */
final class DomainNames {

  /** DNS limit on a name in text form, without the trailing dot. */
  static final int MAX_LENGTH = 253;

  // Non-transitional keeps ß and ς as themselves (IDNA2008). STD3 rules are left off so that
  // underscores, which DNS allows and malicious hosts use, survive; Guava checks the ASCII result.
  private static final IDNA IDNA_UTS46 =
      IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

  private DomainNames() {}

  /**
   * Canonicalises a domain name.
   *
   * @param raw the name, already refanged and stripped
   * @return the lower-case A-label form without a trailing dot
   */
  static String canonical(String raw) throws ObservableException {
    String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
    if (name.isEmpty()) {
      throw bad("domain name is empty");
    }
    // Cheap bound before IDNA; Unicode labels shrink or grow only modestly in ASCII form.
    if (name.length() > 4 * MAX_LENGTH) {
      throw new ObservableException(
          ObservableException.TOO_LONG, "domain name is longer than " + MAX_LENGTH + " characters");
    }
    StringBuilder ascii = new StringBuilder(name.length() + 8);
    IDNA.Info info = new IDNA.Info();
    IDNA_UTS46.nameToASCII(name, ascii, info);
    if (info.hasErrors()) {
      throw bad(
          "'"
              + Addresses.shorten(raw)
              + "' is not a valid domain name: "
              + describe(info.getErrors()));
    }
    String result = ascii.toString();
    if (result.length() > MAX_LENGTH) {
      throw new ObservableException(
          ObservableException.TOO_LONG, "domain name is longer than " + MAX_LENGTH + " characters");
    }
    if (!InternetDomainName.isValid(result)) {
      throw bad(
          "'"
              + Addresses.shorten(raw)
              + "' is not a valid domain name: labels hold letters, digits, '-' and '_', and the"
              + " last label does not start with a digit");
    }
    return result;
  }

  private static String describe(Set<IDNA.Error> errors) {
    IDNA.Error e = errors.iterator().next();
    return switch (e) {
      case EMPTY_LABEL -> "it has an empty label";
      case LABEL_TOO_LONG -> "a label is longer than 63 characters";
      case DOMAIN_NAME_TOO_LONG -> "it is longer than 253 characters";
      case LEADING_HYPHEN -> "a label starts with '-'";
      case TRAILING_HYPHEN -> "a label ends with '-'";
      case HYPHEN_3_4 -> "a label has '--' in positions 3 and 4 but is not an A-label";
      case PUNYCODE, INVALID_ACE_LABEL -> "an xn-- label is not valid Punycode";
      case DISALLOWED -> "it contains a character IDNA does not allow";
      case BIDI -> "it mixes right-to-left and left-to-right text in a way IDNA forbids";
      default -> "IDNA reports " + errors;
    };
  }

  private static ObservableException bad(String reason) {
    return new ObservableException(ObservableException.BAD_DOMAIN, reason);
  }
}
