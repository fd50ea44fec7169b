package org.isachub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestFormatTest {

  @Test
  void shouldChooseTheFormatFromTheContentTypeUnlessNamed() throws Exception {
    assertThat(IngestFormat.choose(null, "application/stix+json;version=2.1"))
        .isEqualTo(IngestFormat.STIX);
    assertThat(IngestFormat.choose(null, "text/csv; charset=utf-8")).isEqualTo(IngestFormat.CSV);
    assertThat(IngestFormat.choose(null, "text/plain")).isEqualTo(IngestFormat.TEXT);
    assertThat(IngestFormat.choose("misp", "application/json")).isEqualTo(IngestFormat.MISP);
    assertThat(IngestFormat.choose("text", "text/csv")).isEqualTo(IngestFormat.TEXT);
  }

  @Test
  void shouldRefuseAnUnknownOrMismatchedFormatAsUnsupported() {
    assertThatThrownBy(() -> IngestFormat.choose(null, "application/xml"))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(RequestProblem.UNSUPPORTED);
              assertThat(e.code()).isEqualTo(IngestCodes.UNSUPPORTED_FORMAT);
            });
    assertThatThrownBy(() -> IngestFormat.choose("csv", "application/json"))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo("format 'csv' cannot be sent as 'application/json'"));
    assertThatThrownBy(() -> IngestFormat.choose("yaml", null))
        .hasMessageContaining("format 'yaml' is none of stix, csv, text, misp");
  }
}
