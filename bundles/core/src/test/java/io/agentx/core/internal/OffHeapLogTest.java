package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffHeapLogTest {

    @Test
    void recordsWrapAroundAndOverwrittenOnesAreReportedByKey() {
        OffHeapLog log = new OffHeapLog(100, 1000);
        List<String> evicted = new ArrayList<>();
        long a = log.append("a", bytes("0123456789012345678901234567890"), (key, at) -> evicted.add(key));
        long b = log.append("b", bytes("abcdefghijabcdefghijabcdefghij"), (key, at) -> evicted.add(key));
        assertEquals("0123456789012345678901234567890", text(log.read(a)));
        long c = log.append("c", bytes("the third record wraps around the end"), (key, at) -> evicted.add(key + "@" + at));
        assertEquals(List.of("a@0"), evicted);
        assertNull(log.read(a), "overwritten");
        assertEquals("abcdefghijabcdefghijabcdefghij", text(log.read(b)));
        assertEquals("the third record wraps around the end", text(log.read(c)), "read back across the wrap");
        assertThrows(IllegalArgumentException.class, () -> log.append("big", new byte[200], (key, at) -> { }));
    }

    @Test
    void manyRecordsKeepOnlyTheNewestThatFit() {
        OffHeapLog log = new OffHeapLog(4096, 1000);
        List<Long> positions = new ArrayList<>();
        int[] evictions = {0};
        for (int i = 0; i < 10_000; i++) {
            positions.add(log.append("k" + i, bytes("record number " + i), (key, at) -> evictions[0]++));
        }
        assertArrayEquals(bytes("record number 9999"), log.read(positions.get(9_999)));
        assertNull(log.read(positions.get(0)));
        assertEquals(true, evictions[0] > 9_000);
    }

    @Test
    void theRecordBoundMakesRoomToo() {
        OffHeapLog log = new OffHeapLog(1 << 20, 3);
        long first = log.append("a", bytes("1"), (key, at) -> { });
        log.append("b", bytes("2"), (key, at) -> { });
        log.append("c", bytes("3"), (key, at) -> { });
        List<String> evicted = new ArrayList<>();
        long fourth = log.append("d", bytes("4"), (key, at) -> evicted.add(key));
        assertEquals(List.of("a"), evicted);
        assertNull(log.read(first));
        assertEquals("4", text(log.read(fourth)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
