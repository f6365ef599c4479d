package org.auditrail.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** Our direct RFC 8785 writer must produce exactly what the reference implementation produces. */
class CanonicalJsonTest {

  private static final String[] AWKWARD_STRINGS = {"", "plain", "quote \" and backslash \\", "tab\tnew\nline\r",
      "\b\f control \u0001\u001f", "\u007f del", "line sep \u2028 para \u2029", "é ü ß 北京", "emoji 😀 🇪🇺",
      "</script>", "\uD83D lone high surrogate", "€"};
  private static final double[] AWKWARD_NUMBERS = {0, -0.0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345678d,
      9007199254740993d, 5e-324, 1.7976931348623157e308, 333333333.33333329, 1e23, -1.5e-10};

  @Test
  void writesTheSameBytesAsTheReferenceImplementationForAwkwardValues() throws Exception {
    ObjectNode tree = EventJson.mapper().createObjectNode();
    for (int i = 0; i < AWKWARD_STRINGS.length; i++) {
      tree.put(AWKWARD_STRINGS[i], AWKWARD_STRINGS[(i + 1) % AWKWARD_STRINGS.length]);
    }
    ArrayNode numbers = tree.putArray("numbers");
    for (double number : AWKWARD_NUMBERS) {
      numbers.add(number);
    }
    tree.put("long", 1L << 53).put("negative long", -(1L << 53)).put("int", -42).putNull("nothing").put("yes", true).put("no", false);
    tree.putObject("nested").putArray("empty");

    assertThat(CanonicalJson.write(tree)).isEqualTo(reference(tree));
  }

  @Test
  void writesTheSameBytesAsTheReferenceImplementationForRandomTrees() throws Exception {
    Random random = new Random(8785);
    for (int run = 0; run < 500; run++) {
      JsonNode tree = randomTree(random, 0);
      assertThat(CanonicalJson.write(tree)).as("tree %s", tree).isEqualTo(reference(tree));
    }
  }

  @Test
  void refusesANumberItWouldRecordAsAnotherNumber() {
    for (Object number : new Object[] {9007199254740993L, Long.MAX_VALUE, new BigInteger("123456789012345678901"),
        new BigDecimal("0.12345678901234567890123"), new BigDecimal("9007199254740993.5")}) {
      ObjectNode tree = EventJson.mapper().createObjectNode();
      tree.set("n", number instanceof Long value ? LongNode.valueOf(value) : number instanceof BigInteger value
          ? BigIntegerNode.valueOf(value) : DecimalNode.valueOf((BigDecimal) number));
      assertThatThrownBy(() -> CanonicalJson.write(tree)).as("%s", number)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an audit event cannot hold the number " + number + ": canonical JSON (RFC 8785) would record"
              + " another number; record it as a string");
    }
    ObjectNode notANumber = EventJson.mapper().createObjectNode().put("n", Double.NaN);
    assertThatThrownBy(() -> CanonicalJson.write(notANumber)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an audit event cannot hold the number NaN: JSON has no form for it");
  }

  @Test
  void writesNumbersThatADoubleHoldsExactlyWhateverTheirJavaType() {
    ObjectNode tree = EventJson.mapper().createObjectNode();
    tree.set("big", BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(53)));
    tree.set("decimal", DecimalNode.valueOf(new BigDecimal("0.10")));
    tree.set("whole", DecimalNode.valueOf(new BigDecimal("1E+21")));

    assertThat(CanonicalJson.write(tree)).isEqualTo("{\"big\":9007199254740992,\"decimal\":0.1,\"whole\":1e+21}");
  }

  static String reference(JsonNode tree) throws Exception {
    return new JsonCanonicalizer(tree.toString()).getEncodedString();
  }

  static JsonNode randomTree(Random random, int depth) {
    ObjectNode object = EventJson.mapper().createObjectNode();
    int members = random.nextInt(6);
    for (int i = 0; i < members; i++) {
      String name = AWKWARD_STRINGS[random.nextInt(AWKWARD_STRINGS.length)] + random.nextInt(3);
      switch (depth < 3 ? random.nextInt(6) : random.nextInt(4)) {
        case 0 -> object.put(name, AWKWARD_STRINGS[random.nextInt(AWKWARD_STRINGS.length)]);
        case 1 -> object.put(name, random.nextLong() >> (11 + random.nextInt(53)));
        case 2 -> object.put(name, random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        case 3 -> object.putNull(name);
        case 4 -> object.set(name, randomTree(random, depth + 1));
        default -> object.putArray(name).add(randomTree(random, depth + 1)).add(random.nextBoolean());
      }
    }
    return object;
  }
}
