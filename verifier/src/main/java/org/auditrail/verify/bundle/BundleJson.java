package org.auditrail.verify.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle's own small JSON files, which are flat objects: written and read with the streaming API. Fields this
 * version does not know are skipped; a field given twice is refused, so that no reader can see another value.
 */
final class BundleJson {

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private BundleJson() {}

  @FunctionalInterface
  interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  static byte[] write(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /** Reads a JSON object's string fields, whole-number fields and arrays of strings. */
  static FlatObject read(String file, byte[] json) throws BundleFormatException {
    Map<String, Object> fields = new HashMap<>();
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new BundleFormatException(file + " must be a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        switch (parser.nextToken()) {
          case VALUE_STRING -> fields.put(name, parser.getText());
          case VALUE_NUMBER_INT -> fields.put(name, parser.getLongValue());
          case START_ARRAY -> fields.put(name, strings(file, name, parser));
          default -> {
            // No field of a bundle file holds another kind of value; the token names it in an error.
            fields.put(name, parser.currentToken());
            parser.skipChildren();
          }
        }
      }
      if (parser.nextToken() != null) {
        throw new BundleFormatException(file + " has content after its JSON object");
      }
    } catch (IOException e) {
      throw new BundleFormatException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    return new FlatObject(file, fields);
  }

  private static List<String> strings(String file, String name, JsonParser parser)
      throws IOException, BundleFormatException {
    List<String> strings = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
      if (token != JsonToken.VALUE_STRING) {
        throw new BundleFormatException(file + " field '" + name + "' must hold only strings, but holds " + token);
      }
      strings.add(parser.getText());
    }
    return strings;
  }

  /** The fields of one flat object; each accessor names the file and field when the value is missing. */
  record FlatObject(String file, Map<String, Object> fields) {

    String text(String name) throws BundleFormatException {
      if (fields.get(name) instanceof String text) {
        return text;
      }
      throw wrong(name, "a string");
    }

    long number(String name) throws BundleFormatException {
      if (fields.get(name) instanceof Long number) {
        return number;
      }
      throw wrong(name, "a whole number");
    }

    /** A string field holding base64, decoded. */
    byte[] bytes(String name) throws BundleFormatException {
      return decode(name, text(name));
    }

    /** An array field of base64 strings, each decoded. */
    List<byte[]> byteArrays(String name) throws BundleFormatException {
      if (!(fields.get(name) instanceof List<?> list)) {
        throw wrong(name, "an array of base64 strings");
      }
      List<byte[]> decoded = new ArrayList<>(list.size());
      for (Object base64 : list) {
        decoded.add(decode(name, (String) base64));
      }
      return decoded;
    }

    private byte[] decode(String name, String base64) throws BundleFormatException {
      try {
        return Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new BundleFormatException(file + " field '" + name + "' must be base64, but was: " + base64);
      }
    }

    private BundleFormatException wrong(String name, String kind) {
      Object value = fields.get(name);
      return new BundleFormatException(file + " must have a field '" + name + "' holding " + kind
          + (value == null ? ", but has none" : ", but it holds: " + value));
    }
  }
}
