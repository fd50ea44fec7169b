package org.isachub.stix.validate;

/**
 * One reason a STIX object was rejected.
 *
 * @param objectId the id of the rejected object ({@code "(no id)"} when it has none)
 * @param property the property path, e.g. {@code valid_until} or {@code
 *     external_references[0].source_name}; {@code ""} for the object as a whole
 * @param rule the {@link ValidationRule#code() code} of the rule that failed
 * @param message a plain-language explanation
 */
public record Violation(String objectId, String property, String rule, String message) {

  /** Returns the rule as an enum constant. */
  public ValidationRule validationRule() {
    return ValidationRule.fromCode(rule);
  }

  @Override
  public String toString() {
    return objectId
        + " "
        + (property.isEmpty() ? "(object)" : property)
        + " ["
        + rule
        + "] "
        + message;
  }
}
