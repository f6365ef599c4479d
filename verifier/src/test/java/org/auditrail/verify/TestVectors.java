package org.auditrail.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** The leaves of the RFC 6962 test vectors of certificate-transparency, and the reading of hex vectors. */
final class TestVectors {

    static final List<byte[]> LEAF_DATA = hexList("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    static final List<byte[]> LEAF_HASHES = LEAF_DATA.stream().map(Rfc6962::leafHash).toList();

    private TestVectors() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Hashes separated by spaces; null (an empty CSV field) is the empty list. */
    static List<byte[]> hashes(String spaceSeparatedHex) {
        return spaceSeparatedHex == null ? List.of() : hexList(spaceSeparatedHex.split(" "));
    }

    static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(TestVectors::hex).toList();
    }

    /** Leaf hashes from a seeded generator, so that a failure can be reproduced. */
    static List<byte[]> randomLeafHashes(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> leafHashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[random.nextInt(16)];
            random.nextBytes(data);
            leafHashes.add(Rfc6962.leafHash(data));
        }
        return leafHashes;
    }

    private static List<byte[]> hexList(String... hex) {
        return Arrays.stream(hex).map(TestVectors::hex).toList();
    }
}
