package io.agentx.core.internal;

/**
 * Finds the newest record of a key in an {@link OffHeapLog}: an open-addressing table (linear probing) from the
 * key's hash to the record's position, held in two primitive arrays. The keys themselves stay in the records, so
 * the garbage collector has nothing to trace or copy here however many records are indexed. Not thread-safe: the
 * log calls it under its lock.
 */
final class RecordIndex {
    /** Whether the record at a position holds the key being looked for. */
    interface SameKey {
        boolean at(long position);
    }

    private int[] hashes;
    private long[] positions; // position + 1; 0 marks a free slot
    private int mask;
    private int shift;
    private int size;

    RecordIndex() {
        allocate(1024);
    }

    /** The position of the key's record, or -1. */
    long find(int hash, SameKey sameKey) {
        for (int slot = home(hash); positions[slot] != 0; slot = next(slot)) {
            if (hashes[slot] == hash && sameKey.at(positions[slot] - 1)) {
                return positions[slot] - 1;
            }
        }
        return -1;
    }

    /** Points the key at its new record. */
    void put(int hash, long position, SameKey sameKey) {
        int slot = home(hash);
        for (; positions[slot] != 0; slot = next(slot)) {
            if (hashes[slot] == hash && sameKey.at(positions[slot] - 1)) {
                positions[slot] = position + 1;
                return;
            }
        }
        hashes[slot] = hash;
        positions[slot] = position + 1;
        if (++size * 2 > positions.length) {
            grow();
        }
    }

    /** Forgets the key whose record is at this position, if that is still its newest record. */
    void removeAt(int hash, long position) {
        int slot = slotOf(hash, position);
        if (slot >= 0) {
            delete(slot);
        }
    }

    /** Whether the record at this position is the newest of its key. */
    boolean isCurrent(int hash, long position) {
        return slotOf(hash, position) >= 0;
    }

    int size() {
        return size;
    }

    private int slotOf(int hash, long position) {
        for (int slot = home(hash); positions[slot] != 0; slot = next(slot)) {
            if (positions[slot] == position + 1) {
                return slot;
            }
        }
        return -1;
    }

    /** Backward-shift deletion: later entries of the probe run move into the hole, so lookups need no tombstones. */
    private void delete(int slot) {
        int hole = slot;
        for (int probe = next(hole); positions[probe] != 0; probe = next(probe)) {
            int home = home(hashes[probe]);
            if (((probe - home) & mask) >= ((probe - hole) & mask)) {
                hashes[hole] = hashes[probe];
                positions[hole] = positions[probe];
                hole = probe;
            }
        }
        hashes[hole] = 0;
        positions[hole] = 0;
        size--;
    }

    private void grow() {
        int[] oldHashes = hashes;
        long[] oldPositions = positions;
        allocate(oldPositions.length * 2);
        for (int i = 0; i < oldPositions.length; i++) {
            if (oldPositions[i] != 0) {
                int slot = home(oldHashes[i]);
                while (positions[slot] != 0) {
                    slot = next(slot);
                }
                hashes[slot] = oldHashes[i];
                positions[slot] = oldPositions[i];
            }
        }
    }

    private void allocate(int slots) {
        hashes = new int[slots];
        positions = new long[slots];
        mask = slots - 1;
        shift = Integer.numberOfLeadingZeros(slots) + 1;
    }

    private int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift; // Fibonacci hashing: the product's top bits
    }

    private int next(int slot) {
        return (slot + 1) & mask;
    }
}
