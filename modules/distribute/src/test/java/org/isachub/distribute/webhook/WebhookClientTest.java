package org.isachub.distribute.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-made HTTP client against raw sockets on loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebhookClientTest {

  private static final byte[] BODY = "{\"type\":\"bundle\"}".getBytes(StandardCharsets.UTF_8);
  private static ScheduledExecutorService watchdog;

  @BeforeAll
  static void startWatchdog() {
    watchdog = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stopWatchdog() {
    watchdog.shutdownNow();
  }

  /** Answers each connection with a canned response after reading the request. */
  private static final class Server implements AutoCloseable {

    interface Responder {
      void respond(OutputStream out) throws Exception;
    }

    final ServerSocket socket;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;

    Server(String address, Responder responder) throws IOException {
      socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    requests.add(readRequest(s.getInputStream()));
                    responder.respond(s.getOutputStream());
                    s.getOutputStream().flush();
                  } catch (Exception e) {
                    // The client hung up or the server is closing.
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private static String readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      int length = 0;
      for (String line : text.split("\r\n")) {
        if (line.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static WebhookClient client(TargetGuard guard, long readMillis, int maxBody) {
    return new WebhookClient(
        guard,
        Duration.ofSeconds(2),
        Duration.ofMillis(readMillis),
        maxBody,
        (SSLSocketFactory) SSLSocketFactory.getDefault(),
        watchdog);
  }

  private static TargetGuard loopbackAllowed() {
    return new TargetGuard(List.of(TargetGuard.parseRange("127.0.0.0/8")), HostResolver.SYSTEM);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void shouldPostTheBodyWithTheHeadersAndReadTheStatus() throws Exception {
    try (Server server =
        new Server(
            "127.0.0.1",
            out -> write(out, "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok"))) {
      WebhookTarget target =
          WebhookTarget.parse("http://127.0.0.1:" + server.port() + "/in?x=1", true);
      WebhookClient.Response response =
          client(loopbackAllowed(), 2_000, 1_024)
              .post(target, Map.of("X-Isachub-Delivery", "d-1"), BODY);
      assertThat(response.status()).isEqualTo(202);
      assertThat(response.isSuccess()).isTrue();
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
      String request = server.requests.get(0);
      assertThat(request).startsWith("POST /in?x=1 HTTP/1.1\r\n");
      assertThat(request).contains("Host: 127.0.0.1:" + server.port() + "\r\n");
      assertThat(request).contains("X-Isachub-Delivery: d-1\r\n");
      assertThat(request).contains("Content-Length: " + BODY.length + "\r\n");
      assertThat(request).endsWith("\r\n\r\n{\"type\":\"bundle\"}");
    }
  }

  @Test
  void shouldReadNoMoreThanTheBoundOfAnEndlessBody() throws Exception {
    try (Server server =
        new Server(
            "127.0.0.1",
            out -> {
              write(out, "HTTP/1.1 500 Internal Server Error\r\n\r\n");
              byte[] chunk = new byte[4_096];
              java.util.Arrays.fill(chunk, (byte) 'x');
              // Far more than the client may read; stops when the client hangs up.
              for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
              }
            })) {
      WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + server.port() + "/", true);
      WebhookClient.Response response =
          client(loopbackAllowed(), 5_000, 1_000).post(target, Map.of(), BODY);
      assertThat(response.status()).isEqualTo(500);
      assertThat(response.body()).hasSize(1_000);
      assertThat(response.truncated()).isTrue();
    }
  }

  @Test
  void shouldStopAtTheBoundOfALongDeclaredBody() throws Exception {
    try (Server server =
        new Server(
            "127.0.0.1",
            out ->
                write(
                    out,
                    "HTTP/1.1 400 Bad Request\r\nContent-Length: 50\r\n\r\n" + "y".repeat(50)))) {
      WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + server.port() + "/", true);
      WebhookClient.Response response =
          client(loopbackAllowed(), 5_000, 10).post(target, Map.of(), BODY);
      assertThat(response.body()).hasSize(10);
      assertThat(response.truncated()).isTrue();
      assertThat(response.bodyExcerpt(4)).isEqualTo("yyyy…");
    }
  }

  @Test
  void shouldDecodeAChunkedBodyAndSkipInterimResponses() throws Exception {
    try (Server server =
        new Server(
            "127.0.0.1",
            out ->
                write(
                    out,
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n"))) {
      WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + server.port() + "/", true);
      WebhookClient.Response response =
          client(loopbackAllowed(), 5_000, 1_024).post(target, Map.of(), BODY);
      assertThat(response.status()).isEqualTo(200);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello world");
      assertThat(response.truncated()).isFalse();
    }
  }

  @Test
  void shouldTimeOutOnAReceiverThatNeverAnswers() throws Exception {
    try (Server server = new Server("127.0.0.1", out -> Thread.sleep(10_000))) {
      WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + server.port() + "/", true);
      assertThatThrownBy(() -> client(loopbackAllowed(), 300, 1_024).post(target, Map.of(), BODY))
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void shouldTimeOutOnAReceiverThatTricklesItsAnswer() throws Exception {
    try (Server server =
        new Server(
            "127.0.0.1",
            out -> {
              write(out, "HTTP/1.1 200 OK\r\n");
              for (int i = 0; i < 100; i++) {
                write(out, "X-Slow: " + i + "\r\n");
                out.flush();
                Thread.sleep(100);
              }
            })) {
      WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + server.port() + "/", true);
      // Every single read is quick; the whole exchange is not.
      assertThatThrownBy(() -> client(loopbackAllowed(), 500, 1_024).post(target, Map.of(), BODY))
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void shouldReportARefusedConnectionWithTheAddress() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = closed.getLocalPort();
    }
    WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + port + "/", true);
    assertThatThrownBy(() -> client(loopbackAllowed(), 1_000, 1_024).post(target, Map.of(), BODY))
        .isInstanceOf(ConnectException.class)
        .hasMessageStartingWith("cannot connect to 127.0.0.1 port " + port);
  }

  @Test
  void shouldRefuseLocalhostWithoutConnectingWhenLoopbackIsNotAllowed() throws Exception {
    try (Server server = new Server("127.0.0.1", out -> write(out, "HTTP/1.1 200 OK\r\n\r\n"))) {
      WebhookTarget target = WebhookTarget.parse("http://localhost:" + server.port() + "/", true);
      assertThatThrownBy(
              () -> client(TargetGuard.strict(), 1_000, 1_024).post(target, Map.of(), BODY))
          .isInstanceOf(TargetRefusedException.class)
          .hasMessageContaining("'localhost' resolves to");
      assertThat(server.connections).hasValue(0);
      // The same request goes through once loopback is allowed.
      assertThat(client(loopbackAllowed(), 2_000, 1_024).post(target, Map.of(), BODY).status())
          .isEqualTo(200);
      assertThat(server.requests.get(0)).contains("Host: localhost:" + server.port() + "\r\n");
    }
  }

  @Test
  void shouldConnectToTheAddressItCheckedWithoutAskingTheResolverAgain() throws Exception {
    try (Server allowedServer =
        new Server("127.0.0.2", out -> write(out, "HTTP/1.1 204 No Content\r\n\r\n"))) {
      int port = allowedServer.port();
      try (Server other = new Server("127.0.0.3", out -> write(out, "HTTP/1.1 200 OK\r\n\r\n"))) {
        AtomicInteger lookups = new AtomicInteger();
        // A rebinding resolver: the first answer is the allowed address, every later one another.
        HostResolver rebinding =
            host ->
                List.of(
                    InetAddress.getByName(
                        lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.3"));
        TargetGuard guard =
            new TargetGuard(List.of(TargetGuard.parseRange("127.0.0.2/32")), rebinding);
        WebhookTarget target = WebhookTarget.parse("http://hook.example.org:" + port + "/in", true);

        WebhookClient.Response response = client(guard, 2_000, 1_024).post(target, Map.of(), BODY);

        assertThat(response.status()).isEqualTo(204);
        assertThat(lookups).hasValue(1);
        assertThat(allowedServer.requests).hasSize(1);
        assertThat(allowedServer.requests.get(0))
            .contains("Host: hook.example.org:" + port + "\r\n");
        assertThat(other.connections).hasValue(0);
        // The next attempt resolves again, gets the other address, and is refused before
        // connecting.
        assertThatThrownBy(() -> client(guard, 2_000, 1_024).post(target, Map.of(), BODY))
            .isInstanceOf(TargetRefusedException.class)
            .hasMessageContaining("resolves to 127.0.0.3, a loopback address");
        assertThat(lookups).hasValue(2);
        assertThat(other.connections).hasValue(0);
      }
    }
  }

  @Test
  void shouldRejectHeaderValuesThatWouldSplitTheRequest() throws Exception {
    try (Server server = new Server("127.0.0.1", out -> write(out, "HTTP/1.1 200 OK\r\n\r\n"))) {
      WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + server.port() + "/", true);
      assertThatThrownBy(
              () ->
                  client(loopbackAllowed(), 1_000, 1_024)
                      .post(target, Map.of("X-Isachub-Delivery", "a\r\nX-Evil: 1"), BODY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("header text may not hold CR, LF, NUL or non-Latin-1");
    }
  }

  @Test
  void shouldReportAMalformedStatusLine() throws Exception {
    try (Server server = new Server("127.0.0.1", out -> write(out, "SSH-2.0-OpenSSH_9.2\r\n"))) {
      WebhookTarget target = WebhookTarget.parse("http://127.0.0.1:" + server.port() + "/", true);
      assertThatThrownBy(() -> client(loopbackAllowed(), 1_000, 1_024).post(target, Map.of(), BODY))
          .isInstanceOf(java.net.ProtocolException.class)
          .hasMessage("malformed status line: 'SSH-2.0-OpenSSH_9.2'");
    }
  }
}
