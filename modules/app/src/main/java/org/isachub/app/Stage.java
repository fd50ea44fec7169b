package org.isachub.app;

/**
 * One runnable part of the hub (ingest, enrich, distribute, server). The launcher starts the stages
 * of the configured roles in order and closes them in reverse.
 */
public interface Stage extends AutoCloseable {

  /**
   * The role this stage plays.
   *
   * @return e.g. {@code enrich}
   */
  String role();

  /**
   * Starts the stage; returns once it is running.
   *
   * @throws Exception if it cannot start
   */
  void start() throws Exception;

  /**
   * Where people and programs reach this stage, for the start-up banner.
   *
   * @return e.g. {@code http://127.0.0.1:8080/}, or empty
   */
  default String endpoint() {
    return "";
  }

  /** Stops the stage and releases what it holds; must not throw. */
  @Override
  void close();
}
