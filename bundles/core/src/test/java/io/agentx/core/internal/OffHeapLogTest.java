package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffHeapLogTest {
    private static final byte[] NO_SUMMARY = new byte[0];

    @Test
    void recordsWrapAroundAndOverwrittenOnesAreGone() {
        OffHeapLog log = new OffHeapLog(140, 1000);
        long a = append(log, "a", "0123456789012345678901234567890");
        long b = append(log, "b", "abcdefghijabcdefghijabcdefghij");
        assertEquals("0123456789012345678901234567890", text(log.read(a)));
        long c = append(log, "c", "the third record wraps around the end");
        assertNull(log.read(a), "overwritten");
        assertNull(log.read("a"), "overwritten, so no longer found by key");
        assertEquals("abcdefghijabcdefghijabcdefghij", text(log.read("b")));
        assertEquals("abcdefghijabcdefghijabcdefghij", text(log.read(b)));
        assertEquals("the third record wraps around the end", text(log.read(c)), "read back across the wrap");
        assertEquals("the third record wraps around the end", text(log.read("c")));
        assertThrows(IllegalArgumentException.class, () -> log.append("big", NO_SUMMARY, new byte[200], 200));
    }

    @Test
    void aKeyAppendedAgainIsFoundAtItsNewestRecordAndVisitedOnce() {
        OffHeapLog log = new OffHeapLog(1 << 16, 1000);
        log.append("task-1", bytes("s1"), bytes("first"), 5);
        log.append("task-2", bytes("s2"), bytes("other"), 5);
        log.append("task-1", bytes("s3"), bytes("second"), 6);
        assertEquals("second", text(log.read("task-1")));
        List<String> visited = new ArrayList<>();
        log.forEachNewestFirst((position, summary) -> visited.add(text(summary)));
        assertEquals(List.of("s3", "s2"), visited, "newest first, each key once");
        log.remove("task-1");
        assertNull(log.read("task-1"));
        visited.clear();
        log.forEachNewestFirst((position, summary) -> visited.add(text(summary)));
        assertEquals(List.of("s2"), visited);
        assertEquals(1, log.keys());
    }

    @Test
    void manyRecordsKeepOnlyTheNewestThatFit() {
        OffHeapLog log = new OffHeapLog(4096, 1000);
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            positions.add(append(log, "k" + i, "record number " + i));
        }
        assertArrayEquals(bytes("record number 9999"), log.read(positions.get(9_999)));
        assertEquals("record number 9999", text(log.read("k9999")));
        assertNull(log.read(positions.get(0)));
        assertNull(log.read("k0"));
        assertEquals(true, log.keys() < 200, "only what fits in 4 KiB stays indexed: " + log.keys());
    }

    @Test
    void theRecordBoundMakesRoomToo() {
        OffHeapLog log = new OffHeapLog(1 << 20, 3);
        long first = append(log, "a", "1");
        append(log, "b", "2");
        append(log, "c", "3");
        long fourth = append(log, "d", "4");
        assertNull(log.read(first));
        assertNull(log.read("a"));
        assertEquals("2", text(log.read("b")));
        assertEquals("4", text(log.read(fourth)));
        assertEquals(3, log.keys());
    }

    @Test
    void memoryStartsSmallAndGrowsAsRecordsNeedItKeepingThemAll() {
        OffHeapLog log = new OffHeapLog(1 << 16, 100_000, 64);
        assertEquals(64, log.allocatedBytes(), "an empty log holds only its initial memory");
        Map<String, Long> positions = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            positions.put("k" + i, append(log, "k" + i, "record number " + i + " of five hundred"));
            if (i % 50 == 0) {
                for (int j = 0; j <= i; j++) {
                    assertEquals("record number " + j + " of five hundred", text(log.read("k" + j)), "by key after growing");
                    assertEquals("record number " + j + " of five hundred", text(log.read(positions.get("k" + j))),
                            "by position after growing");
                }
            }
        }
        int grown = log.allocatedBytes();
        assertEquals(true, grown > 64 && grown < 1 << 16, "grew to what 500 records need, not to the capacity: " + grown);
        for (int i = 500; i < 5_000; i++) {
            append(log, "k" + i, "record number " + i + " of five thousand");
        }
        assertEquals(1 << 16, log.allocatedBytes(), "never more than the capacity");
        assertNull(log.read("k0"), "once at the capacity, the oldest make room");
        assertEquals("record number 4999 of five thousand", text(log.read("k4999")));
    }

    /** Random appends, re-appends and removals over a small ring agree with a plain map of what must be found. */
    @Test
    void agreesWithAMapModelUnderRandomUse() {
        agreesWithAMapModel(new OffHeapLog(8192, 50));
    }

    @Test
    void aGrowingLogAgreesWithAMapModelUnderRandomUse() {
        agreesWithAMapModel(new OffHeapLog(8192, 50, 16));
    }

    private static void agreesWithAMapModel(OffHeapLog log) {
        Random random = new Random(42);
        Map<String, String> model = new HashMap<>();
        List<String> order = new ArrayList<>(); // keys by age of their newest record, oldest first
        for (int step = 0; step < 200_000; step++) {
            String key = "key-" + random.nextInt(120);
            if (random.nextInt(10) == 0) {
                log.remove(key);
                model.remove(key);
                order.remove(key);
            } else {
                String value = key + "#" + step + "x".repeat(random.nextInt(60));
                append(log, key, value);
                model.put(key, value);
                order.remove(key);
                order.add(key);
                // the ring keeps at most 50 records and 8 KiB: every record older than the newest 50 is gone,
                // so a key whose newest record is among them is gone too
            }
            if (step % 997 == 0) {
                for (String k : model.keySet()) {
                    byte[] found = log.read(k);
                    if (found != null) {
                        assertEquals(model.get(k), text(found), "a found key has its newest value");
                    }
                }
                int newest = order.size() - 1;
                assertEquals(model.get(order.get(newest)), text(log.read(order.get(newest))), "the newest is always kept");
                List<String> visited = new ArrayList<>();
                log.forEachNewestFirst((position, summary) -> visited.add(text(summary)));
                assertEquals(log.keys(), visited.size());
                assertEquals(visited.size(), new java.util.HashSet<>(visited).size(), "each key visited once");
            }
        }
    }

    private static long append(OffHeapLog log, String key, String value) {
        byte[] payload = bytes(value);
        return log.append(key, bytes(key), payload, payload.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
