package org.auditrail.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignedNoteTest {

    /** The example of golang.org/x/mod/sumdb/note, the reference implementation of C2SP signed notes. */
    static final String GO_BODY = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String GO_SIGNATURE_LINE = "\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String GO_NOTE = GO_BODY + "\n" + GO_SIGNATURE_LINE;

    @Test
    void parsingSplitsBodyAndSignatureAtTheLastBlankLine() throws CheckpointParseException {
        SignedNote note = SignedNote.parse(GO_NOTE);

        assertThat(note.body()).isEqualTo(GO_BODY);
        assertThat(note.signatures()).singleElement().satisfies(signature -> {
            assertThat(signature.keyName()).isEqualTo("PeterNeumann");
            assertThat(TestVectors.hex(signature.keyId())).isEqualTo("c74f20a3");
            assertThat(signature.signature()).hasSize(64);
        });
        assertThat(note.text()).isEqualTo(GO_NOTE);
    }

    @Test
    void aBodyWithBlankLinesAndSeveralSignaturesSurvivesTheRoundTrip() throws CheckpointParseException {
        String text = "first\n\nthird\n\n" + GO_SIGNATURE_LINE + "\u2014 audit.example/log "
                + "7uMZMQGu9NDbyhddbixOGXabAE6zx1SzWr/lMCcXOmvQd62zAYMou+w9Wt0+S/WG8ZrWi7EypMAkyENqDccKbOqZPQ4=\n";

        SignedNote note = SignedNote.parse(text);

        assertThat(note.body()).isEqualTo("first\n\nthird\n");
        assertThat(note.signatures()).extracting(NoteSignature::keyName)
                .containsExactly("PeterNeumann", "audit.example/log");
        assertThat(note.text()).isEqualTo(text);
    }

    static Stream<Arguments> malformedNotes() {
        return Stream.of(
                arguments("no blank line", GO_BODY + GO_SIGNATURE_LINE,
                        "signed note has no signature lines after a blank line: " + GO_BODY + GO_SIGNATURE_LINE),
                arguments("no signature lines", GO_BODY + "\n",
                        "signed note has no signature lines after a blank line: " + GO_BODY + "\n"),
                arguments("no final newline", GO_NOTE.strip(),
                        "signed note must end with a newline, but was: " + GO_NOTE.strip()),
                arguments("a hyphen instead of the em dash", GO_BODY + "\n- PeterNeumann AAAAAAA=\n",
                        "signature line must start with an em dash and a space, but was: - PeterNeumann AAAAAAA="),
                arguments("no signature after the name", GO_BODY + "\n\u2014 PeterNeumann\n",
                        "signature line must have a key name and a signature, but was: \u2014 PeterNeumann"),
                arguments("signature not base64", GO_BODY + "\n\u2014 PeterNeumann x08go/ZJ!!\n",
                        "signature must be base64, but was: x08go/ZJ!!"),
                arguments("only a key id", GO_BODY + "\n\u2014 PeterNeumann x08gow==\n",
                        "signature must have at least 5 bytes (a 4-byte key id and the signature), but has 4:"
                                + " x08gow=="),
                arguments("empty key name", GO_BODY + "\n\u2014  x08go/ZJ\n",
                        "key name must not be empty (in signature line: \u2014  x08go/ZJ)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedNotes")
    void aMalformedNoteIsRejected(String description, String text, String message) {
        assertThatThrownBy(() -> SignedNote.parse(text))
                .isInstanceOf(CheckpointParseException.class)
                .hasMessage(message);
    }

    @Test
    void aNoteNeedsABodyEndingInANewline() {
        NoteSignature signature = new NoteSignature("PeterNeumann", new byte[4], new byte[64]);

        assertThatThrownBy(() -> new SignedNote("no newline", List.of(signature)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("note body must end with a newline, but was: no newline");
    }

    @Test
    void aNoteNeedsASignature() {
        assertThatThrownBy(() -> new SignedNote(GO_BODY, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a signed note must have at least one signature");
    }
}
