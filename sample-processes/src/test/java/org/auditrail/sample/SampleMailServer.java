package org.auditrail.sample;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real SMTP server (GreenMail) on loopback for the whole test run, started once before the shared sample
 * application so that its {@code spring.mail.port} is known when the context starts (one context, one engine).
 */
final class SampleMailServer {

  private static GreenMail server;

  private SampleMailServer() {
  }

  /** The server's port, starting it on a free port the first time. */
  static synchronized int port() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
    return server.getSmtp().getPort();
  }

  /** The one mail received whose subject matches, waiting for it at most ten seconds. */
  static MimeMessage awaitOne(Predicate<String> subject) throws MessagingException, InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<MimeMessage> found;
    do {
      found = matching(subject);
      if (!found.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < end);
    if (found.size() != 1) {
      throw new AssertionError("expected one mail with a matching subject, but received " + found.size());
    }
    return found.get(0);
  }

  /** The mails received so far whose subject matches. */
  static List<MimeMessage> matching(Predicate<String> subject) throws MessagingException {
    port();
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      if (subject.test(message.getSubject())) {
        found.add(message);
      }
    }
    return found;
  }
}
