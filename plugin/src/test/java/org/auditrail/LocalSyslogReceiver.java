package org.auditrail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A syslog server on loopback for tests: takes RFC 6587 octet-counted frames over TCP (or TLS) and keeps each RFC
 * 5424 message, parsed strictly enough that a wrong frame length or header fails the test. It can go down and come
 * back on the same port.
 */
final class LocalSyslogReceiver implements AutoCloseable {

  /** {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG}. */
  private static final Pattern MESSAGE = Pattern.compile(
      "<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\[(?:[^\\]\"]|\"(?:[^\"\\\\]|\\\\.)*\")*\\]) (.*)",
      Pattern.DOTALL);
  private static final Pattern LOG_INDEX = Pattern.compile(" log_index=\"(\\d+)\"");

  private final SSLContext tls;
  private final int port;
  private final List<Message> messages = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private ServerSocket server;

  LocalSyslogReceiver(SSLContext tls) throws IOException {
    this.tls = tls;
    ServerSocket first = listen(0);
    this.port = first.getLocalPort();
    serve(first);
  }

  int port() {
    return port;
  }

  /** Stops listening: connections are refused until {@link #start()}. */
  synchronized void stop() throws IOException {
    server.close();
  }

  /** Listens again on the same port. */
  synchronized void start() throws IOException {
    serve(listen(port));
  }

  private ServerSocket listen(int port) throws IOException {
    ServerSocket socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private void serve(ServerSocket listening) {
    server = listening;
    Thread thread = new Thread(() -> {
      while (!listening.isClosed()) {
        try (Socket connection = listening.accept()) {
          read(new BufferedInputStream(connection.getInputStream()));
        } catch (IOException e) {
          if (!listening.isClosed()) {
            error("connection failed: " + e);
          }
        }
      }
    }, "local-syslog-receiver");
    thread.setDaemon(true);
    thread.start();
  }

  /** Frames until the sender closes the connection: MSG-LEN SP SYSLOG-MSG. */
  private void read(InputStream in) throws IOException {
    while (true) {
      int c = in.read();
      if (c < 0) {
        return;
      }
      int length = 0;
      while (c != ' ') {
        if (c < '0' || c > '9') {
          error("a frame length has the byte " + c);
          return;
        }
        length = length * 10 + (c - '0');
        c = in.read();
      }
      byte[] frame = in.readNBytes(length);
      if (frame.length < length) {
        throw new EOFException("frame cut short");
      }
      String text = new String(frame, StandardCharsets.UTF_8);
      Matcher message = MESSAGE.matcher(text);
      if (!message.matches()) {
        error("not an RFC 5424 message: " + text);
        continue;
      }
      Matcher index = LOG_INDEX.matcher(message.group(7));
      synchronized (this) {
        messages.add(new Message(index.find() ? Long.parseLong(index.group(1)) : -1, text, message.group(8)));
      }
    }
  }

  private synchronized void error(String error) {
    errors.add(error);
  }

  /**
   * The messages once {@code count} have arrived (or after 5 s): a sink returns when its frames are written and
   * flushed, and this server reads them on a thread of its own.
   */
  List<Message> awaitMessages(int count) throws InterruptedException {
    for (int i = 0; i < 250 && messages().size() < count; i++) {
      Thread.sleep(20);
    }
    return messages();
  }

  synchronized List<Message> messages() {
    return List.copyOf(messages);
  }

  synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  /** A message as received: its log index (structured data), the whole message and its MSG part. */
  record Message(long logIndex, String text, String msg) {}
}
