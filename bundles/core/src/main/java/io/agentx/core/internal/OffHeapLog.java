package io.agentx.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A ring of direct (off-heap) memory holding keyed records, each a key, a small summary and a payload. Appending
 * a key again supersedes its earlier record; appending past the end overwrites the oldest records. The newest
 * record of each key is found through a {@link RecordIndex} of primitive arrays, so on the Java heap there is no
 * object per record and garbage collection stays short however many records are kept. All access is under one
 * lock; records are copied in and out.
 */
final class OffHeapLog {
    /** Sees a record's position and summary. */
    interface RecordVisitor {
        void visit(long position, byte[] summary);
    }

    // a record: int hash, int key length, int summary length, int payload length, then the three byte runs
    private static final int HEADER = 16;

    private final ByteBuffer memory;
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
        this.capacity = capacity;
        this.maxRecords = maxRecords;
        this.memory = ByteBuffer.allocateDirect(capacity);
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

    private boolean isStored(long position) {
        return count > 0 && position >= starts[first] && position >= written - capacity && position < written;
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
        int at = (int) ((position + HEADER) % capacity);
        for (byte b : key) {
            if (memory.get(at) != b) {
                return false;
            }
            at = at + 1 == capacity ? 0 : at + 1;
        }
        return true;
    }

    private int intAt(long offset) {
        int at = (int) (offset % capacity);
        if (at + 4 <= capacity) {
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
        int at = (int) (offset % capacity);
        int head = Math.min(length, capacity - at);
        memory.put(at, bytes, 0, head);
        if (head < length) {
            memory.put(0, bytes, head, length - head);
        }
    }

    private byte[] copyOut(long offset, int length) {
        byte[] bytes = new byte[length];
        int at = (int) (offset % capacity);
        int head = Math.min(length, capacity - at);
        memory.get(at, bytes, 0, head);
        if (head < length) {
            memory.get(0, bytes, head, length - head);
        }
        return bytes;
    }
}
