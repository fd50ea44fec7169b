package org.isachub.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds loopback ports that are free now, for tests and for `run --kafka-port 0`. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * Asks the OS for a free ephemeral port on the loopback address.
   *
   * @return a port that was free at the time of the call
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
