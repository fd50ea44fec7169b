package org.isachub.distribute.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS through the pinned connection: the socket goes to the checked address, while SNI and the
 * certificate check still use the host name of the URL.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookClientTlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();
  @TempDir static Path dir;
  private static SSLContext serverContext;
  private static SSLContext clientContext;
  private static ScheduledExecutorService watchdog;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path store = dir.resolve("hook.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "hook",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("keytool: %s", output).isZero();

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);

    Certificate cert = keys.getCertificate("hook");
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("hook", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);
    watchdog = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stop() {
    watchdog.shutdownNow();
  }

  /** Serves one TLS connection at a time, recording the SNI names the client asked for. */
  private static final class TlsServer implements AutoCloseable {

    final SSLServerSocket socket;
    final List<String> serverNames = new CopyOnWriteArrayList<>();

    TlsServer() throws Exception {
      socket =
          (SSLServerSocket)
              serverContext
                  .getServerSocketFactory()
                  .createServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
      Thread t =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (SSLSocket s = (SSLSocket) socket.accept()) {
                    s.startHandshake();
                    for (SNIServerName n :
                        ((ExtendedSSLSession) s.getSession()).getRequestedServerNames()) {
                      serverNames.add(((SNIHostName) n).getAsciiName());
                    }
                    InputStream in = s.getInputStream();
                    byte[] buffer = new byte[4096];
                    int total = 0;
                    // Read until the request's end (the body is tiny), then answer.
                    while (total < 4
                        || !new String(buffer, 0, total, StandardCharsets.ISO_8859_1)
                            .contains("}")) {
                      int n = in.read(buffer, total, buffer.length - total);
                      if (n < 0) {
                        break;
                      }
                      total += n;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(
                        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                  } catch (Exception e) {
                    // A client that refused the certificate hangs up mid-handshake.
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws java.io.IOException {
      socket.close();
    }
  }

  private static WebhookClient client(HostResolver resolver) {
    TargetGuard guard = new TargetGuard(List.of(TargetGuard.parseRange("127.0.0.0/8")), resolver);
    return new WebhookClient(
        guard,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        1_024,
        clientContext.getSocketFactory(),
        watchdog);
  }

  @Test
  void shouldSpeakTlsToThePinnedAddressWithTheUrlsHostNameAsSniAndCertificateName()
      throws Exception {
    try (TlsServer server = new TlsServer()) {
      WebhookTarget target =
          WebhookTarget.parse("https://localhost:" + server.port() + "/in", false);
      // The name resolves (once) to the address the server listens on.
      HostResolver resolver = host -> List.of(InetAddress.getByName("127.0.0.1"));
      WebhookClient.Response response =
          client(resolver).post(target, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(response.status()).isEqualTo(200);
      assertThat(server.serverNames).containsExactly("localhost");
    }
  }

  @Test
  void shouldRefuseACertificateThatDoesNotNameTheUrlsHost() throws Exception {
    try (TlsServer server = new TlsServer()) {
      // Same address, same certificate, but the URL names another host: the check must fail even
      // though the socket was opened to an IP address.
      WebhookTarget target =
          WebhookTarget.parse("https://hooks.example.org:" + server.port() + "/in", false);
      HostResolver resolver = host -> List.of(InetAddress.getByName("127.0.0.1"));
      assertThatThrownBy(
              () -> client(resolver).post(target, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }
}
