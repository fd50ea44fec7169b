package org.isachub.distribute.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver on loopback for the integration tests: checks every request with {@link
 * WebhookVerifier}, answers as a script says (a status, or hanging past the client's timeout), and
 * records what it saw.
 */
final class Receiver implements AutoCloseable {

  /** What to do with one request. */
  record Action(int status, boolean hangs) {
    static Action status(int status) {
      return new Action(status, false);
    }

    static Action hang() {
      return new Action(200, true);
    }
  }

  /** Decides the answer to the n-th request (from 0) with a body. */
  interface Script {
    Action decide(int index, String body);
  }

  /**
   * One request received.
   *
   * @param deliveryId the X-Isachub-Delivery header
   * @param contentType the Content-Type header
   * @param body the body
   * @param objectIds ids of the bundle's objects, in order
   * @param verifyError why the signature check failed, null if it passed
   * @param acknowledged whether a 2xx reached the sender
   */
  record Request(
      String deliveryId,
      String contentType,
      byte[] body,
      List<String> objectIds,
      @Nullable String verifyError,
      boolean acknowledged) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final WebhookVerifier verifier;
  private final AtomicInteger count = new AtomicInteger();
  // By arrival order: a hanging request finishes after later ones arrive.
  private final java.util.TreeMap<Integer, Request> requests = new java.util.TreeMap<>();
  private volatile Script script;
  private final long hangMillis;

  Receiver(String secret, long hangMillis, Script script) throws IOException {
    this.verifier = WebhookVerifier.of(secret);
    this.hangMillis = hangMillis;
    this.script = script;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    server.createContext("/hook", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static Receiver healthy(String secret) throws IOException {
    return new Receiver(secret, 0, (i, body) -> Action.status(200));
  }

  void script(Script next) {
    this.script = next;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  int port() {
    return server.getAddress().getPort();
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests.values());
  }

  /** Ids of the objects in acknowledged requests, in the order they were acknowledged. */
  synchronized List<String> acknowledgedObjects() {
    List<String> out = new ArrayList<>();
    requests.values().stream()
        .filter(Request::acknowledged)
        .forEach(r -> out.addAll(r.objectIds()));
    return out;
  }

  synchronized List<Request> acknowledged() {
    return requests.values().stream().filter(Request::acknowledged).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int index = count.getAndIncrement();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String delivery = exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String verifyError = null;
    try {
      verifier.verify(
          exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
          exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
          body);
    } catch (WebhookVerificationException e) {
      verifyError = e.getMessage();
    }
    List<String> ids = new ArrayList<>();
    JsonNode bundle = JSON.readTree(body);
    bundle.path("objects").forEach(o -> ids.add(o.path("id").asText()));
    Action action =
        verifyError != null
            ? Action.status(401)
            : script.decide(index, new String(body, StandardCharsets.UTF_8));
    synchronized (this) {
      requests.put(
          index,
          new Request(
              delivery == null ? "" : delivery,
              contentType == null ? "" : contentType,
              body,
              List.copyOf(ids),
              verifyError,
              false));
    }
    boolean acknowledged = false;
    if (action.hangs()) {
      try {
        Thread.sleep(hangMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      byte[] answer = ("status " + action.status()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(action.status(), answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
      acknowledged = !action.hangs() && action.status() / 100 == 2;
    } catch (IOException e) {
      // The sender gave up waiting (a hang longer than its timeout).
    } finally {
      exchange.close();
      synchronized (this) {
        requests.put(
            index,
            new Request(
                delivery == null ? "" : delivery,
                contentType == null ? "" : contentType,
                body,
                List.copyOf(ids),
                verifyError,
                acknowledged));
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
