package io.cordon.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of personal identifiers (ID numbers, plates): the same person gives the same hash, and without
 * the key nobody can test a guessed ID number against it. Only the hash leaves ingest.
 */
public final class KeyedHash {

    private final ThreadLocal<Mac> mac;

    public KeyedHash(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(k, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    /** The hash of a value, normalised to upper case without blanks; null stays null. */
    public String of(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normalised = withoutBlanks(value).toUpperCase(Locale.ROOT);
        byte[] h = mac.get().doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 16);
    }

    /**
     * The value without the characters of the regular expression {@code \s} (space, tab, line feed, vertical tab,
     * form feed, carriage return; not the ideographic space), exactly what removing the pattern {@code \s+} gave when
     * every stored hash was made, without compiling a pattern for each identifier on ingest's hot path.
     */
    static String withoutBlanks(String value) {
        int i = 0;
        while (i < value.length() && !blank(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length()).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!blank(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
