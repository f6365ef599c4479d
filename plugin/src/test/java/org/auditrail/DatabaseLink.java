package org.auditrail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network between an application and its PostgreSQL database, as a TCP relay on loopback that a test can cut
 * and restore: an outage staged without stopping the server the other tests share. Cutting closes every open
 * connection, as a failed network or a restarted server does, and closes new ones as soon as they are accepted
 * until the link is restored.
 */
final class DatabaseLink implements AutoCloseable {

  private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://)[^:/]+:(\\d+)(/.*)");

  private final String databaseUrl;
  private final int databasePort;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private boolean cut;

  /** Relays to the database of a {@code jdbc:postgresql://host:port/name} URL on this machine. */
  DatabaseLink(String databaseUrl) throws IOException {
    Matcher url = JDBC_URL.matcher(databaseUrl);
    if (!url.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL with a port: " + databaseUrl);
    }
    this.databaseUrl = databaseUrl;
    this.databasePort = Integer.parseInt(url.group(2));
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "database-link-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The database URL through this link, for the application; the test itself keeps the direct one. */
  String url() {
    return JDBC_URL.matcher(databaseUrl).replaceFirst("$1127.0.0.1:" + listener.getLocalPort() + "$3");
  }

  /** Drops every open connection and every new one until {@link #restore()}. */
  synchronized void cut() {
    cut = true;
    open.forEach(DatabaseLink::closeQuietly);
    open.clear();
  }

  synchronized void restore() {
    cut = false;
  }

  private synchronized boolean isCut() {
    return cut;
  }

  @Override
  public void close() {
    cut();
    closeQuietly(listener);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        relay(listener.accept());
      } catch (IOException e) {
        // The listener was closed, or one connection could not be set up: the client sees it closed.
      }
    }
  }

  private void relay(Socket client) throws IOException {
    if (isCut()) {
      closeQuietly(client);
      return;
    }
    Socket server;
    try {
      server = new Socket(InetAddress.getLoopbackAddress(), databasePort);
    } catch (IOException e) {
      closeQuietly(client);
      throw e;
    }
    synchronized (this) {
      if (cut) {
        closeQuietly(client);
        closeQuietly(server);
        return;
      }
      open.add(client);
      open.add(server);
    }
    pump(client, server);
    pump(server, client);
  }

  /** Copies one direction until either side closes, then closes both, as a broken connection does. */
  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException e) {
        // Cut, or closed by either side: both ends are closed below.
      } finally {
        open.remove(from);
        open.remove(to);
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "database-link-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
