package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordIndexTest {

    /** Keys are small ints; "the record at a position holds key k" is looked up in a map of positions. */
    @Test
    void agreesWithAHashMapThroughGrowthCollisionsAndDeletions() {
        Random random = new Random(7);
        RecordIndex index = new RecordIndex();
        Map<Integer, Long> model = new HashMap<>();
        Map<Long, Integer> keyAt = new HashMap<>();
        long nextPosition = 0;
        for (int step = 0; step < 300_000; step++) {
            int key = random.nextInt(5_000);
            int hash = key % 64; // many keys share a hash: probe runs get long and deletions must shift them
            if (random.nextInt(3) == 0) {
                Long position = model.remove(key);
                if (position != null) {
                    index.removeAt(hash, position);
                }
            } else {
                long position = nextPosition++;
                keyAt.put(position, key);
                index.put(hash, position, at -> keyAt.get(at) == key);
                model.put(key, position);
            }
        }
        assertEquals(model.size(), index.size());
        for (int key = 0; key < 5_000; key++) {
            int k = key;
            long found = index.find(key % 64, at -> keyAt.get(at) == k);
            assertEquals(model.getOrDefault(key, -1L), found, "key " + key);
            if (found >= 0) {
                assertTrue(index.isCurrent(key % 64, found));
            }
        }
    }

    @Test
    void aSupersededPositionIsNotCurrentAndRemovingItKeepsTheNewerOne() {
        RecordIndex index = new RecordIndex();
        index.put(1, 10, at -> true);
        index.put(1, 20, at -> true); // the same key again
        assertFalse(index.isCurrent(1, 10));
        index.removeAt(1, 10);
        assertEquals(20, index.find(1, at -> true));
        assertEquals(1, index.size());
    }
}
