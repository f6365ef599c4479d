package org.auditrail.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body is cut off after {@code maxBytes}: a declared {@code Content-Length} above it is refused by
 * {@link ApiGuard} before reading; a body sent without one (chunked) fails while it is read, with {@link TooLarge}.
 */
final class BodyLimit extends HttpServletRequestWrapper {

  private final long maxBytes;

  BodyLimit(HttpServletRequest request, long maxBytes) {
    super(request);
    this.maxBytes = maxBytes;
  }

  static String tooLargeMessage(long maxBytes) {
    return "the body must not be larger than " + maxBytes + " bytes (audit.api.max-body-bytes)";
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    ServletInputStream body = super.getInputStream();
    return new ServletInputStream() {
      private long read;

      @Override
      public int read() throws IOException {
        int next = body.read();
        if (next >= 0) {
          count(1);
        }
        return next;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = body.read(buffer, offset, length);
        if (count > 0) {
          count(count);
        }
        return count;
      }

      private void count(int bytes) throws TooLarge {
        read += bytes;
        if (read > maxBytes) {
          throw new TooLarge(tooLargeMessage(maxBytes));
        }
      }

      @Override
      public boolean isFinished() {
        return body.isFinished();
      }

      @Override
      public boolean isReady() {
        return body.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        body.setReadListener(listener);
      }
    };
  }

  @Override
  public BufferedReader getReader() throws IOException {
    String encoding = getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
  }

  /** The body went beyond the limit while it was read. */
  static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }
}
