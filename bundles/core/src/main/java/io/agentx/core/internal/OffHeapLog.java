package io.agentx.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A ring of direct (off-heap) memory holding keyed records, each a key, a small summary and a payload. Appending
 * a key again supersedes its earlier record; appending past the end overwrites the oldest records. The newest
 * record of each key is found through a {@link RecordIndex} of primitive arrays, so on the Java heap there is no
 * object per record and garbage collection stays short however many records are kept. The memory starts small
 * and doubles as records need it, up to the capacity: an idle or lightly used log holds little. All access is
 * under one lock; records are copied in and out.
 */
final class OffHeapLog {
    /** Sees a record's position and summary. */
    interface RecordVisitor {
        void visit(long position, byte[] summary);
    }

    // a record: int hash, int key length, int summary length, int payload length, then the three byte runs
    private static final int HEADER = 16;
    private static final int INITIAL_BYTES = 1 << 20;
    private static final int COPY_CHUNK = 64 * 1024;

    private ByteBuffer memory; // a record at logical offset p is at p % memory.capacity()
    private final int capacity;
    private final int maxRecords;
    private final RecordIndex index = new RecordIndex();
    private long[] starts = new long[1024];
    private int first;
    private int count;
    private long written;

    /**
     * @param capacity bytes of off-heap memory
     * @param maxRecords most records kept; the oldest make room beyond it too
     */
    OffHeapLog(int capacity, int maxRecords) {
        this(capacity, maxRecords, INITIAL_BYTES);
    }

    /** @param initialBytes off-heap memory taken at first; it grows toward {@code capacity} as records need it */
    OffHeapLog(int capacity, int maxRecords, int initialBytes) {
        this.capacity = capacity;
        this.maxRecords = maxRecords;
        this.memory = ByteBuffer.allocateDirect(Math.min(capacity, initialBytes));
    }

    /**
     * Appends the first {@code length} bytes of {@code payload} (a reusable buffer) as the key's newest record
     * and returns its position.
     */
    synchronized long append(String key, byte[] summary, byte[] payload, int length) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int size = HEADER + keyBytes.length + summary.length + length;
        if (size > capacity) {
            throw new IllegalArgumentException("a record of " + size + " bytes does not fit a log of " + capacity);
        }
        long offset = written;
        while (count > 0 && (starts[first] < offset + size - capacity || count >= maxRecords)) {
            long oldest = starts[first];
            index.removeAt(intAt(oldest), oldest);
            first = (first + 1) % starts.length;
            count--;
        }
        long oldest = count > 0 ? starts[first] : offset;
        if (offset + size - oldest > memory.capacity()) {
            grow(offset + size - oldest);
        }
        int hash = key.hashCode();
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(hash).putInt(keyBytes.length).putInt(summary.length)
                .putInt(length);
        copyIn(offset, header.array(), HEADER);
        copyIn(offset + HEADER, keyBytes, keyBytes.length);
        copyIn(offset + HEADER + keyBytes.length, summary, summary.length);
        copyIn(offset + HEADER + keyBytes.length + summary.length, payload, length);
        written = offset + size;
        remember(offset);
        index.put(hash, offset, at -> holdsKey(at, keyBytes));
        return offset;
    }

    /** The payload of the key's newest record, or {@code null} if it has none (never written, removed, overwritten). */
    synchronized byte[] read(String key) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        long position = index.find(key.hashCode(), at -> holdsKey(at, keyBytes));
        return position < 0 ? null : payloadAt(position);
    }

    /** The summary of the key's newest record, or {@code null}. */
    synchronized byte[] summary(String key) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        long position = index.find(key.hashCode(), at -> holdsKey(at, keyBytes));
        return position < 0 ? null : copyOut(position + HEADER + intAt(position + 4), intAt(position + 8));
    }

    /** The payload of the record at a position, or {@code null} if it has been overwritten. */
    synchronized byte[] read(long position) {
        return isStored(position) ? payloadAt(position) : null;
    }

    /** Forgets the key: its records are no longer found or visited. */
    synchronized void remove(String key) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int hash = key.hashCode();
        long position = index.find(hash, at -> holdsKey(at, keyBytes));
        if (position >= 0) {
            index.removeAt(hash, position);
        }
    }

    /** Visits the newest record of every key, newest first. */
    synchronized void forEachNewestFirst(RecordVisitor visitor) {
        for (int i = count - 1; i >= 0; i--) {
            long position = starts[(first + i) % starts.length];
            if (index.isCurrent(intAt(position), position)) {
                visitor.visit(position, copyOut(position + HEADER + intAt(position + 4), intAt(position + 8)));
            }
        }
    }

    /** How many keys have a record. */
    synchronized int keys() {
        return index.size();
    }

    /** Off-heap bytes taken so far (at most the capacity). */
    synchronized int allocatedBytes() {
        return memory.capacity();
    }

    private boolean isStored(long position) {
        return count > 0 && position >= starts[first] && position < written;
    }

    /** Moves the live records to a larger memory, at least {@code needed} bytes: twice the size, up to the capacity. */
    private void grow(long needed) {
        int size = (int) Math.min(capacity, Math.max(needed, 2L * memory.capacity()));
        ByteBuffer larger = ByteBuffer.allocateDirect(size);
        long from = count > 0 ? starts[first] : written;
        for (long at = from; at < written; at += COPY_CHUNK) {
            int length = (int) Math.min(COPY_CHUNK, written - at);
            put(larger, at, copyOut(at, length), length);
        }
        memory = larger;
    }

    private byte[] payloadAt(long position) {
        int keyLength = intAt(position + 4);
        int summaryLength = intAt(position + 8);
        return copyOut(position + HEADER + keyLength + summaryLength, intAt(position + 12));
    }

    private boolean holdsKey(long position, byte[] key) {
        if (intAt(position + 4) != key.length) {
            return false;
        }
        int size = memory.capacity();
        int at = (int) ((position + HEADER) % size);
        for (byte b : key) {
            if (memory.get(at) != b) {
                return false;
            }
            at = at + 1 == size ? 0 : at + 1;
        }
        return true;
    }

    private int intAt(long offset) {
        int at = (int) (offset % memory.capacity());
        if (at + 4 <= memory.capacity()) {
            return memory.getInt(at);
        }
        return ByteBuffer.wrap(copyOut(offset, 4)).getInt();
    }

    private void remember(long offset) {
        if (count == starts.length) {
            long[] grown = new long[starts.length * 2];
            for (int i = 0; i < count; i++) {
                grown[i] = starts[(first + i) % starts.length];
            }
            starts = grown;
            first = 0;
        }
        starts[(first + count) % starts.length] = offset;
        count++;
    }

    private void copyIn(long offset, byte[] bytes, int length) {
        put(memory, offset, bytes, length);
    }

    private static void put(ByteBuffer ring, long offset, byte[] bytes, int length) {
        int size = ring.capacity();
        int at = (int) (offset % size);
        int head = Math.min(length, size - at);
        ring.put(at, bytes, 0, head);
        if (head < length) {
            ring.put(0, bytes, head, length - head);
        }
    }

    private byte[] copyOut(long offset, int length) {
        byte[] bytes = new byte[length];
        int at = (int) (offset % memory.capacity());
        int head = Math.min(length, memory.capacity() - at);
        memory.get(at, bytes, 0, head);
        if (head < length) {
            memory.get(0, bytes, head, length - head);
        }
        return bytes;
    }
}
