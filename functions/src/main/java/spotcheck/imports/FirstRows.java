package spotcheck.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The first row of each natural key in a file, for finding repeated rows in pass 1. A file may
 * have a million rows, so ids are not kept: each is held as 64 bits of its SHA-256 with its row
 * number in open-addressed primitive arrays, about 24 bytes a row instead of some 150 for a map of
 * strings. Two different ids share 64 bits with a chance of about n²/2⁶⁵ (3·10⁻⁸ for a million
 * rows); such a row would be reported as a repeat, never written twice.
 */
final class FirstRows {
    private static final int NONE = 0;

    private long[] hashes;
    private int[] rows;
    private int size;
    private final MessageDigest sha256;

    FirstRows() {
        this(1 << 10);
    }

    FirstRows(int initialCapacity) {
        int capacity = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        hashes = new long[capacity];
        rows = new int[capacity];
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records {@code row} (≥ 1) for {@code id}; answers the row first seen with it, or 0 when it is new. */
    long putIfAbsent(String id, long row) {
        if (row < 1 || row > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("row " + row);
        }
        long hash = hash(id);
        int slot = find(hashes, rows, hash);
        if (rows[slot] != NONE) {
            return rows[slot];
        }
        hashes[slot] = hash;
        rows[slot] = (int) row;
        if (++size * 2 > hashes.length) {
            grow();
        }
        return NONE;
    }

    int size() {
        return size;
    }

    /** Slots held: the memory is 12 bytes a slot, at most four slots a row. */
    int capacity() {
        return hashes.length;
    }

    private long hash(String id) {
        byte[] d = sha256.digest(id.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = h << 8 | (d[i] & 0xff);
        }
        return h;
    }

    /** The slot holding {@code hash}, or the empty slot where it belongs (linear probing). */
    private static int find(long[] hashes, int[] rows, long hash) {
        int mask = hashes.length - 1;
        int slot = (int) (hash ^ hash >>> 32) & mask;
        while (rows[slot] != NONE && hashes[slot] != hash) {
            slot = slot + 1 & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldRows = rows;
        hashes = new long[oldHashes.length * 2];
        rows = new int[oldRows.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldRows[i] != NONE) {
                int slot = find(hashes, rows, oldHashes[i]);
                hashes[slot] = oldHashes[i];
                rows[slot] = oldRows[i];
            }
        }
    }
}
