package org.isachub.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/**
 * Merges settings from their three sources. Later sources win: a properties file, then {@code
 * ISACHUB_*} environment variables, then command-line options.
 *
 * <p>An environment variable names a key by upper-casing it and turning dots into underscores:
 * {@code ISACHUB_KAFKA_BOOTSTRAP_SERVERS} sets {@code isachub.kafka.bootstrap.servers}. Kafka
 * pass-through settings ({@code kafka.} prefix) come from the file or the command line.
 */
public final class ConfigSources {

  private static final String ENV_PREFIX = "ISACHUB_";

  private ConfigSources() {}

  /**
   * Merges the sources.
   *
   * @param file a properties file, or null for none
   * @param env the environment (usually {@link System#getenv()})
   * @param cli settings from command-line options, already as keys
   * @return the merged settings
   * @throws ConfigException if the file cannot be read
   */
  public static Map<String, String> merge(
      @Nullable Path file, Map<String, String> env, Map<String, String> cli) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (file != null) {
      merged.putAll(readFile(file));
    }
    merged.putAll(fromEnvironment(env));
    merged.putAll(cli);
    return merged;
  }

  /**
   * The settings named by {@code ISACHUB_*} environment variables that match a defined key.
   *
   * @param env the environment
   * @return settings by key
   */
  public static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    // Every documented section, so ISACHUB_SERVER_PORT works like ISACHUB_DATA_DIR.
    ConfigDocs.sections().values().forEach(def -> keys.addAll(def.names()));
    for (String key : keys) {
      String variable = key.toUpperCase(Locale.ROOT).replace('.', '_');
      String value = env.get(variable);
      if (value != null && variable.startsWith(ENV_PREFIX)) {
        out.put(key, value);
      }
    }
    return out;
  }

  private static Map<String, String> readFile(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : props.stringPropertyNames()) {
      out.put(name, props.getProperty(name).trim());
    }
    return out;
  }
}
