package io.cordon.ingest;

import io.cordon.http.Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The household registry as ingest keeps it: household id → compound id, for ten million households in a few hundred
 * megabytes. Ids are stored once as UTF-8 bytes in one growing arena (a length byte, then the bytes); an open-addressing
 * table of ints points into it, and a parallel table holds each household's compound as an index into the list of
 * compounds (tens of thousands, each kept once with its district). A {@code HashMap<String, String>} would take about 130 bytes per
 * household; this takes about 17 bytes of arena and 13 of table.
 *
 * <p>Readers (feed checks, on many threads) share a read lock; the registry follower and uploads write under the
 * write lock, a row at a time.
 */
public final class HouseholdMirror implements Mirror<HouseholdMirror.Place> {

    /** Where a household is: its compound and the compound's areas (for the scope of an area's tokens). */
    public record Place(String compoundId, Location at) {

        public String district() {
            return at.district();
        }
    }

    private static final float LOAD = 0.6f;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private byte[] arena = new byte[1 << 16];
    private int arenaUsed = 1; // offset 0 means an empty slot
    private int[] slots = new int[1 << 10];
    private int[] compounds = new int[1 << 10];
    private int size;
    private final List<Place> places = new ArrayList<>();
    private final Map<String, Integer> compoundIndex = new HashMap<>();

    @Override
    public Place get(String id) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        lock.readLock().lock();
        try {
            int slot = find(key, slots);
            return slots[slot] == 0 ? null : places.get(compounds[slot]);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void put(String id, Place place) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        if (key.length > 255) {
            throw new IllegalArgumentException("household ids are at most 255 bytes");
        }
        lock.writeLock().lock();
        try {
            int compound = compoundIndex.computeIfAbsent(place.compoundId(), c -> {
                places.add(place);
                return places.size() - 1;
            });
            if (!places.get(compound).equals(place)) {
                // the compound's latest row names other areas: every household of it follows
                places.set(compound, place);
            }
            int slot = find(key, slots);
            if (slots[slot] != 0) {
                compounds[slot] = compound;
                return;
            }
            if (arenaUsed + key.length + 1 > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + key.length + 1));
            }
            int offset = arenaUsed;
            arena[offset] = (byte) key.length;
            System.arraycopy(key, 0, arena, offset + 1, key.length);
            arenaUsed += key.length + 1;
            slots[slot] = offset;
            compounds[slot] = compound;
            if (++size > slots.length * LOAD) {
                grow();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Location compoundLocation(String compoundId) {
        lock.readLock().lock();
        try {
            Integer compound = compoundIndex.get(compoundId);
            return compound == null ? null : places.get(compound).at();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes held by the arena and the tables (for the benchmark of a city's registry). */
    public long bytes() {
        lock.readLock().lock();
        try {
            return arena.length + 8L * slots.length;
        } finally {
            lock.readLock().unlock();
        }
    }

    private int find(byte[] key, int[] table) {
        int mask = table.length - 1;
        int slot = hash(key, 0, key.length) & mask;
        while (table[slot] != 0 && !matches(table[slot], key)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean matches(int offset, byte[] key) {
        int length = arena[offset] & 0xff;
        return length == key.length && Arrays.equals(arena, offset + 1, offset + 1 + length, key, 0, length);
    }

    private void grow() {
        int[] oldSlots = slots;
        int[] oldCompounds = compounds;
        slots = new int[oldSlots.length * 2];
        compounds = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            int offset = oldSlots[i];
            if (offset == 0) {
                continue;
            }
            int slot = hash(arena, offset + 1, arena[offset] & 0xff) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = offset;
            compounds[slot] = oldCompounds[i];
        }
    }

    private static int hash(byte[] bytes, int from, int length) {
        int h = 0x9747b28c;
        for (int i = from; i < from + length; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
