package org.isachub.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** Generates the configuration reference ({@code docs/configuration.md}) from the definitions. */
public final class ConfigDocs {

  private ConfigDocs() {}

  /**
   * Every configuration definition of the hub, by section title.
   *
   * @return the sections in the order they are documented
   */
  public static Map<String, ConfigDef> sections() {
    Map<String, ConfigDef> sections = new LinkedHashMap<>();
    sections.put("Hub process (`isachub run`)", HubConfig.CONFIG);
    sections.put("Ingest stage", org.isachub.ingest.IngestConfig.CONFIG);
    sections.put("Enrich stage", org.isachub.enrich.EnrichConfig.CONFIG);
    sections.put("Distribute stage", org.isachub.distribute.DistributeConfig.CONFIG);
    sections.put("HTTP server", org.isachub.server.ServerConfig.CONFIG);
    sections.put("Webhooks (distribute role)", org.isachub.distribute.webhook.WebhookConfig.CONFIG);
    return sections;
  }

  /**
   * Renders the reference as Markdown.
   *
   * @param sections definitions by section title
   * @return the document
   */
  public static String markdown(Map<String, ConfigDef> sections) {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration reference\n\n")
        .append(
            "Generated from the definitions in the code by `./isachub config-docs`; do not edit")
        .append(" by hand.\n\n")
        .append("Every key can be set in a properties file (`--config FILE`), as an environment")
        .append(
            " variable (upper case, dots as underscores: `ISACHUB_KAFKA_BOOTSTRAP_SERVERS`), or")
        .append(" on the command line (`-D key=value`, or the command's own options). The command")
        .append(" line wins over the environment, the environment over the file. Kafka client")
        .append(" settings pass through with the prefix `kafka.` (e.g. `kafka.linger.ms`).\n");
    for (Map.Entry<String, ConfigDef> section : sections.entrySet()) {
      out.append("\n## ").append(section.getKey()).append("\n\n");
      out.append("| key | type | default | valid values | importance | description |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (ConfigKey key : section.getValue().configKeys().values()) {
        out.append("| `")
            .append(key.name)
            .append("` | ")
            .append(key.type.name().toLowerCase())
            .append(" | ")
            .append(defaultOf(key))
            .append(" | ")
            .append(key.validator == null ? "" : escape(key.validator.toString()))
            .append(" | ")
            .append(key.importance.name().toLowerCase())
            .append(" | ")
            .append(escape(key.documentation))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  private static String defaultOf(ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    Object value = key.defaultValue;
    if (value instanceof java.util.List<?> list) {
      value = list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "(empty)" : "`" + text + "`";
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
