package io.cordon.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Whether a feed body carries a fever, told from its bytes without parsing it: every {@code "temperature_c"} key and the
 * number after it. Used to let such a request ahead of the queue and past the bounds; the request is then checked in
 * full like any other. A body that hides its key (a JSON escape inside it) is simply not let ahead.
 */
final class FeverScan {

    private static final byte[] KEY = "\"temperature_c\"".getBytes(StandardCharsets.US_ASCII);

    private FeverScan() {}

    static boolean carriesFever(byte[] body, double thresholdC) {
        for (int i = indexOf(body, 0); i >= 0; i = indexOf(body, i + KEY.length)) {
            int j = i + KEY.length;
            while (j < body.length
                    && (body[j] == ' ' || body[j] == '\t' || body[j] == '\n' || body[j] == '\r' || body[j] == ':')) {
                j++;
            }
            int start = j;
            while (j < body.length
                    && (body[j] >= '0' && body[j] <= '9'
                            || body[j] == '.'
                            || body[j] == '-'
                            || body[j] == '+'
                            || body[j] == 'e'
                            || body[j] == 'E')) {
                j++;
            }
            if (j > start && j - start < 32) {
                try {
                    if (Double.parseDouble(new String(body, start, j - start, StandardCharsets.US_ASCII))
                            >= thresholdC) {
                        return true;
                    }
                } catch (NumberFormatException notANumber) {
                    // the full check names it
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] body, int from) {
        outer:
        for (int i = from; i <= body.length - KEY.length; i++) {
            if (body[i] != '"') {
                continue;
            }
            for (int k = 1; k < KEY.length; k++) {
                if (body[i + k] != KEY[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
