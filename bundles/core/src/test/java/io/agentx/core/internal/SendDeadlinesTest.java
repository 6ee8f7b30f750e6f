package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SendDeadlinesTest {

    @Test
    void onlySendsWhoseDeadlinePassedAndThatWereNotAnsweredTimeOutOnce() throws Exception {
        List<String> timedOut = new CopyOnWriteArrayList<>();
        try (SendDeadlines deadlines = new SendDeadlines(60_000)) { // swept by hand below
            deadlines.add("answered", 0, () -> timedOut.add("answered"));
            deadlines.add("late", 0, () -> timedOut.add("late"));
            deadlines.add("not yet", 60_000, () -> timedOut.add("not yet"));
            deadlines.remove("answered");
            Thread.sleep(5);
            deadlines.sweep();
            deadlines.sweep();
            assertEquals(List.of("late"), timedOut);
            assertEquals(1, deadlines.size(), "the send still in time keeps waiting");
        }
    }

    @Test
    void aTimeoutThatFailsDoesNotKeepTheOthersFromRunning() throws Exception {
        List<String> timedOut = new CopyOnWriteArrayList<>();
        try (SendDeadlines deadlines = new SendDeadlines(60_000)) {
            deadlines.add("broken", 0, () -> {
                throw new IllegalStateException("cannot answer");
            });
            deadlines.add("fine", 0, () -> timedOut.add("fine"));
            Thread.sleep(5);
            deadlines.sweep();
            assertEquals(List.of("fine"), timedOut);
            assertEquals(0, deadlines.size());
        }
    }

    @Test
    void theSweeperRunsByItself() throws Exception {
        List<String> timedOut = new CopyOnWriteArrayList<>();
        try (SendDeadlines deadlines = new SendDeadlines(10)) {
            deadlines.add("send", 20, () -> timedOut.add("send"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (timedOut.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of("send"), timedOut);
            assertEquals(0, deadlines.size());
        }
    }

    @Test
    void theSweeperRestsWhenNothingWaitsAndWakesForTheNextSend() throws Exception {
        List<String> timedOut = new CopyOnWriteArrayList<>();
        try (SendDeadlines deadlines = new SendDeadlines(10, 3)) {
            assertFalse(deadlines.sweeping(), "nothing to watch before the first send");
            deadlines.add("first", 20, () -> timedOut.add("first"));
            assertTrue(deadlines.sweeping());
            awaitTrue(() -> !deadlines.sweeping(), "rests three sweeps after the last send went");
            assertEquals(List.of("first"), timedOut);

            deadlines.add("second", 20, () -> timedOut.add("second"));
            awaitTrue(() -> timedOut.size() == 2, "a send after a rest times out too");
            assertEquals(List.of("first", "second"), timedOut);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
