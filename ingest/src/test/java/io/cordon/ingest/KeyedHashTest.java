package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyedHashTest {

    private static final String ALPHABET = "aZ09 \t\n\u000B\f\r\u3000\u00A0\u2028沪粤x";

    @Test
    void removesTheBlanksTheRegularExpressionRemovedAndNoOthers() {
        Random random = new Random(20261126);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String value = sb.toString();
            assertThat(KeyedHash.withoutBlanks(value)).as("'%s'", value).isEqualTo(value.replaceAll("\\s+", ""));
        }
    }

    @Test
    void theSameIdentifierWrittenWithBlanksOrInLowerCaseHashesTheSame() {
        KeyedHash hash = new KeyedHash("a-test-key");
        assertThat(hash.of("31010119900101123x"))
                .isEqualTo(hash.of(" 310101 19900101 123X\t"))
                .hasSize(32)
                .matches("[0-9a-f]+");
        assertThat(hash.of("沪A 12345")).isEqualTo(hash.of("沪a12345")).isNotEqualTo(hash.of("沪A\u300012345"));
        assertThat(hash.of(" \t")).isNull();
        assertThat(new KeyedHash("another-key").of("沪A12345")).isNotEqualTo(hash.of("沪A12345"));
    }
}
