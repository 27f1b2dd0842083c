package io.cordon.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
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
        String normalised = value.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
        byte[] h = mac.get().doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h, 0, 16);
    }
}
