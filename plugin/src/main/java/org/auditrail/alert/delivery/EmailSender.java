package org.auditrail.alert.delivery;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.auditrail.alert.AlertChannel;
import org.auditrail.alert.AlertRaised;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Mails an alert as plain text through Spring Boot's mail support ({@code spring.mail.*}). */
public final class EmailSender implements AlertSender {

  private final JavaMailSender mail;
  private final AlertMessage message;
  private final String from;

  public EmailSender(JavaMailSender mail, AlertMessage message, String from) {
    this.mail = mail;
    this.message = message;
    this.from = from;
  }

  @Override
  public String channelType() {
    return AlertChannel.EMAIL;
  }

  @Override
  public String send(AlertRaised alert, AlertChannel channel) throws DeliveryRefusedException {
    SimpleMailMessage email = new SimpleMailMessage();
    email.setFrom(from);
    email.setTo(address(channel.target()));
    email.setSubject(message.subject(alert));
    email.setText(message.body(alert));
    // A MailException (the server out of reach, or refusing) goes up unchecked: the attempt failed and is retried.
    mail.send(email);
    return "accepted by the mail server";
  }

  /** One address, strictly parsed: a list or a header smuggled into the address is refused. */
  private static String address(String target) throws DeliveryRefusedException {
    try {
      InternetAddress address = new InternetAddress(target == null ? "" : target, true);
      return address.getAddress();
    } catch (AddressException e) {
      throw new DeliveryRefusedException("the email address is not one address: " + e.getMessage());
    }
  }
}
