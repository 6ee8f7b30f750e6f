package io.agentx.router.internal.balancing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which replica (by its index in the agent's replica array) each A2A context is bound to. A lookup is one read of
 * a {@code long[]} slot holding a fingerprint of the context id and the index, without locks, boxing or a map
 * node per context. {@link ContextAffinity} extends this class so that a decision reads the table straight from
 * the strategy object, one dependent load less. Writers serialise on the instance. Two generations bound the memory: when the young one is full it becomes the old one and the
 * previous old one is forgotten; a context found only in the old generation is copied into the young one, so
 * contexts in use survive.
 *
 * <p>The fingerprint is derived from {@link String#hashCode()}: two contexts with the same hash share a binding.
 * That only matters when one of them moves off a failed replica (the other follows it), with a chance of about
 * one in four billion per pair; affinity is a routing preference, never a correctness guarantee.
 */
abstract class ContextBindings {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int INDEX_BITS = 16;
    /** The most replicas an index can name; agents with more replicas are not bound. */
    static final int MAX_REPLICAS = (1 << INDEX_BITS) - 1;

    private final int generationSize;
    private volatile long[] young;
    private volatile long[] old;
    private int youngCount;

    /** Bindings for at most {@code maxBindings} contexts: two generations of half as many each. */
    ContextBindings(int maxBindings) {
        this.generationSize = Math.max(1, maxBindings / 2);
        this.young = table(4);
        this.old = null;
    }

    /** The replica index the context is bound to, or -1. */
    int find(String contextId) {
        long fingerprint = fingerprint(contextId);
        int index = find(young, fingerprint);
        if (index >= 0) {
            return index;
        }
        long[] previous = old;
        if (previous != null && (index = find(previous, fingerprint)) >= 0) {
            bind(contextId, index); // still in use: keep it in the young generation
        }
        return index;
    }

    /** Binds the context to the replica with this index (at most {@link #MAX_REPLICAS}). */
    void bind(String contextId, int replicaIndex) {
        bindFingerprint(fingerprint(contextId), replicaIndex);
    }

    /** How many contexts are bound (the young generation, plus the old one's that were not copied). */
    synchronized int size() {
        return count(young) + count(old) - overlap();
    }

    /** Copies these bindings into another table: each context keeps its replica if it is still there, at its new index. */
    synchronized void copyRemapped(int[] newIndexOfOld, ContextBindings into) {
        copyRemapped(old, newIndexOfOld, into);
        copyRemapped(young, newIndexOfOld, into);
    }

    private static void copyRemapped(long[] table, int[] newIndexOfOld, ContextBindings into) {
        if (table == null) {
            return;
        }
        for (long entry : table) {
            if (entry != 0) {
                int oldIndex = (int) (entry & MAX_REPLICAS);
                int newIndex = oldIndex < newIndexOfOld.length ? newIndexOfOld[oldIndex] : -1;
                if (newIndex >= 0) {
                    into.bindFingerprint(entry & ~(long) MAX_REPLICAS, newIndex);
                }
            }
        }
    }

    private synchronized void bindFingerprint(long fingerprint, int replicaIndex) {
        long entry = fingerprint | replicaIndex;
        long[] table = young;
        int mask = table.length - 1;
        for (int slot = home(fingerprint, mask); ; slot = (slot + 1) & mask) {
            long current = (long) SLOTS.getAcquire(table, slot);
            if (current == 0) {
                break;
            }
            if ((current & ~(long) MAX_REPLICAS) == fingerprint) {
                SLOTS.setRelease(table, slot, entry); // rebound, e.g. off a failed replica
                return;
            }
        }
        if (youngCount >= generationSize) {
            old = table;
            table = table(4);
            youngCount = 0;
            young = table;
        } else if ((youngCount + 1) * 2 > table.length) {
            table = grown(table);
            young = table;
        }
        insert(table, entry);
        youngCount++;
    }

    private int overlap() {
        if (old == null) {
            return 0;
        }
        int shared = 0;
        for (long entry : young) {
            if (entry != 0 && find(old, entry & ~(long) MAX_REPLICAS) >= 0) {
                shared++;
            }
        }
        return shared;
    }

    private static int find(long[] table, long fingerprint) {
        int mask = table.length - 1;
        for (int slot = home(fingerprint, mask); ; slot = (slot + 1) & mask) {
            long entry = (long) SLOTS.getAcquire(table, slot);
            if (entry == 0) {
                return -1;
            }
            if ((entry & ~(long) MAX_REPLICAS) == fingerprint) {
                return (int) (entry & MAX_REPLICAS);
            }
        }
    }

    private static void insert(long[] table, long entry) {
        int mask = table.length - 1;
        int slot = home(entry & ~(long) MAX_REPLICAS, mask);
        while ((long) SLOTS.getAcquire(table, slot) != 0) {
            slot = (slot + 1) & mask;
        }
        SLOTS.setRelease(table, slot, entry);
    }

    /** A copy twice the size; readers keep using the old array until the new one is published. */
    private static long[] grown(long[] table) {
        long[] bigger = table(table.length * 2);
        for (long entry : table) {
            if (entry != 0) {
                insert(bigger, entry);
            }
        }
        return bigger;
    }

    private static int count(long[] table) {
        int count = 0;
        if (table != null) {
            for (long entry : table) {
                if (entry != 0) {
                    count++;
                }
            }
        }
        return count;
    }

    private static long[] table(int slots) {
        return new long[slots];
    }

    /** 48 mixed bits of the context's hash above the 16 index bits; never zero (zero marks a free slot). */
    private static long fingerprint(String contextId) {
        long mixed = contextId.hashCode() * 0x9E3779B97F4A7C15L;
        mixed ^= mixed >>> 29;
        long fingerprint = mixed & ~(long) MAX_REPLICAS;
        return fingerprint == 0 ? 1L << INDEX_BITS : fingerprint;
    }

    private static int home(long fingerprint, int mask) {
        return (int) (fingerprint >>> 32) & mask;
    }
}
