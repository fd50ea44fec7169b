package org.isachub.distribute.webhook;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A minimal HTTP/1.1 client for one POST per connection that connects only to addresses the {@link
 * TargetGuard} has checked. The host is resolved once per request and the socket is opened to the
 * checked address itself, with the name carried in the {@code Host} header, the TLS SNI and the
 * certificate check, so a second DNS answer can never redirect the request. Redirects are not
 * followed. At most a bounded number of response bytes is read.
 *
 * <p>Not thread-safe: one request at a time; {@link #abort()} may be called from another thread.
 */
final class WebhookClient {

  /**
   * What the receiver answered.
   *
   * @param status the HTTP status
   * @param body the first bytes of the body, at most the bound
   * @param truncated whether the body was longer than what was read
   */
  record Response(int status, byte[] body, boolean truncated) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    String bodyExcerpt(int chars) {
      String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
      return text.length() <= chars ? text : text.substring(0, chars) + "…";
    }
  }

  private static final int MAX_LINE = 8_192;
  private static final int MAX_HEADER_BYTES = 32_768;
  private static final int MAX_INTERIM_RESPONSES = 8;

  private final TargetGuard guard;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxBody;
  private final SSLSocketFactory tls;
  private final ScheduledExecutorService watchdog;
  private volatile @Nullable Socket current;
  private volatile boolean aborted;

  /**
   * Creates a client.
   *
   * @param guard decides and pins the addresses
   * @param connectTimeout most time to connect to one address
   * @param readTimeout most time from connected to response read
   * @param maxBody most response body bytes read
   * @param tls how TLS sockets are made (the platform default outside tests)
   * @param watchdog runs the timers that close connections whose time is up
   */
  WebhookClient(
      TargetGuard guard,
      Duration connectTimeout,
      Duration readTimeout,
      int maxBody,
      SSLSocketFactory tls,
      ScheduledExecutorService watchdog) {
    this.guard = guard;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.maxBody = maxBody;
    this.tls = tls;
    this.watchdog = watchdog;
  }

  /**
   * POSTs a body.
   *
   * @param target where to
   * @param headers extra request headers (no CR or LF in names or values)
   * @param body the body
   * @return the response
   * @throws TargetRefusedException if the target resolves to an address that is not allowed
   * @throws SocketTimeoutException if connecting or the exchange took too long
   * @throws IOException on any other network or protocol failure
   */
  Response post(WebhookTarget target, Map<String, String> headers, byte[] body) throws IOException {
    List<InetAddress> addresses = guard.resolve(target.host());
    Socket socket = connect(addresses, target);
    current = socket;
    AtomicBoolean expired = new AtomicBoolean();
    // Socket timeouts bound each read, but not a write to a receiver that stops reading, nor a
    // receiver that trickles bytes: this timer closes the socket when the whole exchange is due.
    ScheduledFuture<?> timer =
        watchdog.schedule(
            () -> {
              expired.set(true);
              closeQuietly(socket);
            },
            readTimeout.toMillis() + 20,
            TimeUnit.MILLISECONDS);
    try {
      if (aborted) {
        throw new IOException("webhook request aborted: the pusher is stopping");
      }
      long deadline = System.nanoTime() + readTimeout.toNanos();
      Socket channel = target.https() ? startTls(socket, target, deadline) : socket;
      OutputStream out = new BufferedOutputStream(channel.getOutputStream(), 16_384);
      out.write(requestHead(target, headers, body.length));
      out.write(body);
      out.flush();
      InputStream in = new BufferedInputStream(new DeadlineInputStream(channel, deadline), 8_192);
      return readResponse(in);
    } catch (IOException e) {
      if (expired.get() || e instanceof SocketTimeoutException) {
        throw new SocketTimeoutException(
            "no complete response from "
                + target.hostHeader()
                + " within "
                + readTimeout.toMillis()
                + " ms");
      }
      throw e;
    } finally {
      timer.cancel(false);
      current = null;
      closeQuietly(socket);
    }
  }

  /** Closes the connection in use, if any, and refuses further requests; for shutdown. */
  void abort() {
    aborted = true;
    Socket s = current;
    if (s != null) {
      closeQuietly(s);
    }
  }

  private Socket connect(List<InetAddress> addresses, WebhookTarget target) throws IOException {
    IOException last = null;
    for (InetAddress address : addresses) {
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(
            new InetSocketAddress(address, target.port()), (int) connectTimeout.toMillis());
        return socket;
      } catch (SocketTimeoutException e) {
        closeQuietly(socket);
        last =
            new SocketTimeoutException(
                "connecting to "
                    + address.getHostAddress()
                    + " port "
                    + target.port()
                    + " timed out after "
                    + connectTimeout.toMillis()
                    + " ms");
      } catch (IOException e) {
        closeQuietly(socket);
        last =
            new ConnectException(
                "cannot connect to "
                    + address.getHostAddress()
                    + " port "
                    + target.port()
                    + ": "
                    + e.getMessage());
      }
    }
    throw last == null ? new ConnectException("no address to connect to") : last;
  }

  private Socket startTls(Socket socket, WebhookTarget target, long deadline) throws IOException {
    SSLSocket ssl = (SSLSocket) tls.createSocket(socket, target.host(), target.port(), true);
    SSLParameters params = ssl.getSSLParameters();
    // The certificate must match the name in the URL, not the address connected to.
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (!isAddressLiteral(target.host())) {
      params.setServerNames(List.of(new SNIHostName(target.host())));
    }
    ssl.setSSLParameters(params);
    ssl.setSoTimeout(remainingMillis(deadline));
    ssl.startHandshake();
    return ssl;
  }

  private static boolean isAddressLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  private static byte[] requestHead(WebhookTarget target, Map<String, String> headers, int length) {
    StringBuilder head = new StringBuilder(512);
    head.append("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(target.hostHeader()).append("\r\n");
    head.append("User-Agent: isachub-webhook/1\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      checkHeader(h.getKey());
      checkHeader(h.getValue());
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void checkHeader(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
        throw new IllegalArgumentException("header text may not hold CR, LF, NUL or non-Latin-1");
      }
    }
  }

  private Response readResponse(InputStream in) throws IOException {
    for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
      String statusLine = readLine(in);
      int status = parseStatus(statusLine);
      long contentLength = -1;
      boolean chunked = false;
      int headerBytes = 0;
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        headerBytes += line.length() + 2;
        if (headerBytes > MAX_HEADER_BYTES) {
          throw new ProtocolException(
              "response headers longer than " + MAX_HEADER_BYTES + " bytes");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("malformed response header line");
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new ProtocolException("malformed Content-Length: '" + value + "'");
          }
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        }
      }
      if (status >= 100 && status < 200) {
        continue; // interim (e.g. 100 Continue): the final response follows
      }
      if (status == 204 || status == 304) {
        return new Response(status, new byte[0], false);
      }
      return readBody(in, status, contentLength, chunked);
    }
    throw new ProtocolException("more than " + MAX_INTERIM_RESPONSES + " interim responses");
  }

  private Response readBody(InputStream in, int status, long contentLength, boolean chunked)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(maxBody, 8_192));
    if (chunked) {
      while (true) {
        String sizeLine = readLine(in);
        int semi = sizeLine.indexOf(';');
        long size;
        try {
          size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new ProtocolException("malformed chunk size line");
        }
        if (size == 0) {
          return new Response(status, body.toByteArray(), false);
        }
        long room = maxBody - body.size();
        copy(in, body, Math.min(size, room));
        if (size > room) {
          return new Response(status, body.toByteArray(), true);
        }
        readLine(in); // CRLF after the chunk
      }
    }
    if (contentLength >= 0) {
      int read = copy(in, body, Math.min(contentLength, maxBody));
      return new Response(status, body.toByteArray(), contentLength > read);
    }
    // Neither length nor chunks: the body runs to the end of the connection.
    copy(in, body, maxBody);
    boolean more = body.size() >= maxBody && in.read() != -1;
    return new Response(status, body.toByteArray(), more);
  }

  /** Copies up to {@code limit} bytes, stopping early at end of stream; returns the count. */
  private static int copy(InputStream in, ByteArrayOutputStream out, long limit)
      throws IOException {
    byte[] buffer = new byte[8_192];
    long left = limit;
    int total = 0;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
      left -= n;
      total += n;
    }
    return total;
  }

  private static int parseStatus(String line) throws ProtocolException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9]{2}")) {
      throw new ProtocolException(
          "malformed status line: '"
              + (line.length() > 80 ? line.substring(0, 80) + "…" : line)
              + "'");
    }
    return Integer.parseInt(parts[1]);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new ProtocolException(
            line.length() == 0 ? "connection closed before a response" : "response cut short");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new ProtocolException("response line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      throw new SocketTimeoutException("read timed out");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the socket is abandoned either way.
    }
  }

  /** Reads from a socket, never waiting past the deadline of the whole exchange. */
  private static final class DeadlineInputStream extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private final long deadline;

    DeadlineInputStream(Socket socket, long deadline) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      socket.setSoTimeout(remainingMillis(deadline));
      return in.read(b, off, len);
    }
  }
}
