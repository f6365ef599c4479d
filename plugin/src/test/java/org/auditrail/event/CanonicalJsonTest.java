package org.auditrail.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    tree.put("long", Long.MAX_VALUE).put("int", -42).putNull("nothing").put("yes", true).put("no", false);
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
        case 1 -> object.put(name, random.nextLong() >> random.nextInt(64));
        case 2 -> object.put(name, random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        case 3 -> object.putNull(name);
        case 4 -> object.set(name, randomTree(random, depth + 1));
        default -> object.putArray(name).add(randomTree(random, depth + 1)).add(random.nextBoolean());
      }
    }
    return object;
  }
}
