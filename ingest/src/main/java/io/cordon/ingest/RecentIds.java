package io.cordon.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The event ids this ingest instance wrote lately (posted, corrected or voided), as 64-bit fingerprints in two
 * generations of a fixed size: {@value #GENERATION} ids each, 32 MiB in all, a few days of a city's arrivals. The fast
 * path of fever alerts asks it whether an arrival is the first copy of its id: a resend, or the post of an id voided
 * or corrected before it came, counts for nothing, so it must raise nothing (API.md, "Integrity across districts").
 *
 * <p>A fingerprint seen by mistake (one in 2^64) or an id written through another instance only changes which path
 * raises the alert: the counting job raises every alert of counted content, the dashboard delivers each id once, and
 * content that does not count raises none there. What this memory forgets after a few days is the same: the job decides.
 */
final class RecentIds {

    static final int GENERATION = 1 << 20;
    private static final int SLOTS = GENERATION * 2;

    private long[] current = new long[SLOTS];
    private long[] previous = new long[SLOTS];
    private int size;

    /** Remembers {@code id}; true when it was not remembered before (the first copy this instance sees). */
    synchronized boolean firstSight(String id) {
        long f = fingerprint(id);
        if (contains(previous, f) || !insert(current, f)) {
            return false;
        }
        if (++size >= GENERATION) {
            long[] spare = previous;
            Arrays.fill(spare, 0L);
            previous = current;
            current = spare;
            size = 0;
        }
        return true;
    }

    /** Remembers {@code id} (a correction or a void written): a later post of it is not a first copy. */
    void remember(String id) {
        firstSight(id);
    }

    private static boolean contains(long[] table, long f) {
        int mask = table.length - 1;
        for (int slot = (int) (f ^ (f >>> 32)) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            if (table[slot] == f) {
                return true;
            }
        }
        return false;
    }

    /** Inserts a fingerprint; false when it was there already. A table is never more than half full. */
    private static boolean insert(long[] table, long f) {
        int mask = table.length - 1;
        int slot = (int) (f ^ (f >>> 32)) & mask;
        while (table[slot] != 0) {
            if (table[slot] == f) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = f;
        return true;
    }

    /** A 64-bit FNV-1a of the id's bytes, mixed; never 0 (an empty slot). */
    static long fingerprint(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
