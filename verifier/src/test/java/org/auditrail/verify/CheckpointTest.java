package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointTest {

    private static final String ROOT_8 = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";
    private static final String BODY = "audit.example/log\n8\n" + ROOT_8 + "\n";

    private final Checkpoint checkpoint =
            new Checkpoint("audit.example/log", 8, new MerkleTree(TestVectors.LEAF_HASHES).root(8));

    @Test
    void theBodyIsOriginSizeAndBase64RootOnThreeLines() {
        assertThat(checkpoint.body()).isEqualTo(BODY);
    }

    @Test
    void aParsedBodyIsTheSameCheckpoint() throws CheckpointParseException {
        Checkpoint parsed = Checkpoint.parse(BODY);

        assertThat(parsed).isEqualTo(checkpoint).hasSameHashCodeAs(checkpoint);
        assertThat(parsed.body()).isEqualTo(BODY);
    }

    @Test
    void extensionLinesAfterTheRootAreIgnored() throws CheckpointParseException {
        assertThat(Checkpoint.parse(BODY + "Timestamp: 1700000000\n")).isEqualTo(checkpoint);
    }

    @Test
    void theEmptyTreeHasSizeZero() throws CheckpointParseException {
        Checkpoint empty = new Checkpoint("audit.example/log", 0, Rfc6962.emptyRoot());

        assertThat(Checkpoint.parse(empty.body())).isEqualTo(empty);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                arguments("empty", "", "checkpoint must end with a newline, but was: "),
                arguments("no final newline", "audit.example/log\n8\n" + ROOT_8,
                        "checkpoint must end with a newline, but was: audit.example/log\n8\n" + ROOT_8),
                arguments("root missing", "audit.example/log\n8\n",
                        "checkpoint must have at least 3 lines, but has 2"),
                arguments("origin empty", "\n8\n" + ROOT_8 + "\n", "origin line is empty"),
                sizeCase("size not a number", "abc", "tree size must be a decimal number, but was: abc"),
                sizeCase("size negative", "-1", "tree size must be a decimal number, but was: -1"),
                sizeCase("size with a plus sign", "+8", "tree size must be a decimal number, but was: +8"),
                sizeCase("size empty", "", "tree size must be a decimal number, but was: "),
                sizeCase("size with a leading zero", "08", "tree size must not have leading zeros, but was: 08"),
                sizeCase("size beyond 64 bits", "9223372036854775808",
                        "tree size must be at most 9223372036854775807, but was: 9223372036854775808"),
                rootCase("root not base64", "not base64!"),
                rootCase("root of 31 bytes", "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQw=="),
                rootCase("root of 33 bytes", "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQygA"),
                rootCase("root without padding", "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg"),
                rootCase("root in URL-safe base64", "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz-Nw7_RgQyg="));
    }

    private static Arguments sizeCase(String description, String sizeLine, String message) {
        return arguments(description, "audit.example/log\n" + sizeLine + "\n" + ROOT_8 + "\n", message);
    }

    private static Arguments rootCase(String description, String rootLine) {
        return arguments(description, "audit.example/log\n8\n" + rootLine + "\n",
                "root hash must be 32 bytes of base64, but was: " + rootLine);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aMalformedBodyIsRejectedWithTheBadValue(String description, String body, String message) {
        assertThatThrownBy(() -> Checkpoint.parse(body))
                .isInstanceOf(CheckpointParseException.class)
                .hasMessage(message);
    }

    @Test
    void aCheckpointCannotBeBuiltWithARootOfTheWrongLength() {
        assertThatThrownBy(() -> new Checkpoint("audit.example/log", 8, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("root hash has 31 bytes, but must have 32");
    }

    @Test
    void aCheckpointCannotBeBuiltWithAnOriginOfTwoLines() {
        assertThatThrownBy(() -> new Checkpoint("audit.example/log\n9", 8, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("origin must be one non-empty line, but was: audit.example/log\n9");
    }

    @Test
    void changingTheRootArrayAfterwardsDoesNotChangeTheCheckpoint() {
        byte[] root = new byte[32];
        Checkpoint zero = new Checkpoint("audit.example/log", 1, root);
        root[0] = 1;
        zero.rootHash()[1] = 1;

        assertThat(zero.rootHash()).isEqualTo(new byte[32]);
    }
}
