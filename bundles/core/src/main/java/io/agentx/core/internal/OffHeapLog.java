package io.agentx.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.ObjLongConsumer;

/**
 * A ring of direct (off-heap) memory holding keyed byte records. Appending past the end overwrites the oldest
 * records; their keys are handed back so their owner can forget them. Records are copied in and out under one
 * lock. On the Java heap there is only one {@code long} per record, so garbage collection stays short however
 * many records are kept.
 */
final class OffHeapLog {
    private final ByteBuffer memory;
    private final int capacity;
    private final int maxRecords;
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
     * Appends a record and returns its position; {@code evicted} receives the key and position of every record
     * the append overwrote.
     */
    synchronized long append(String key, byte[] payload, ObjLongConsumer<String> evicted) {
        return append(key, payload, payload.length, evicted);
    }

    /** Appends the first {@code length} bytes of {@code payload} (a reusable buffer) as a record. */
    synchronized long append(String key, byte[] payload, int length, ObjLongConsumer<String> evicted) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int size = 8 + keyBytes.length + length;
        if (size > capacity) {
            throw new IllegalArgumentException("a record of " + size + " bytes does not fit a log of " + capacity);
        }
        long offset = written;
        while (count > 0 && (starts[first] < offset + size - capacity || count >= maxRecords)) {
            long oldest = starts[first];
            evicted.accept(keyAt(oldest), oldest);
            first = (first + 1) % starts.length;
            count--;
        }
        ByteBuffer header = ByteBuffer.allocate(8).putInt(keyBytes.length).putInt(length);
        copyIn(offset, header.array(), 8);
        copyIn(offset + 8, keyBytes, keyBytes.length);
        copyIn(offset + 8 + keyBytes.length, payload, length);
        written = offset + size;
        remember(offset);
        return offset;
    }

    /** The payload of the record at a position, or {@code null} if it has been overwritten or dropped. */
    synchronized byte[] read(long offset) {
        if (offset < written - capacity || count == 0 || offset < starts[first]) {
            return null;
        }
        byte[] header = copyOut(offset, 8);
        int keyLength = ByteBuffer.wrap(header).getInt(0);
        int payloadLength = ByteBuffer.wrap(header).getInt(4);
        return copyOut(offset + 8 + keyLength, payloadLength);
    }

    private String keyAt(long offset) {
        int keyLength = ByteBuffer.wrap(copyOut(offset, 4)).getInt(0);
        return new String(copyOut(offset + 8, keyLength), StandardCharsets.UTF_8);
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
