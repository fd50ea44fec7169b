package org.isachub.app;

import java.util.Map;

/** Builds the stage of one role from the hub's configuration and Kafka client settings. */
@FunctionalInterface
public interface StageFactory {

  /**
   * Builds (but does not start) the stage.
   *
   * @param config the hub configuration
   * @param kafka Kafka client settings every client of this process starts from
   * @return the stage
   */
  Stage create(HubConfig config, Map<String, Object> kafka);
}
