package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.model.A2aError;
import io.agentx.a2a.model.A2aException;
import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import io.agentx.api.RequestContext;
import io.agentx.api.StoredEvent;
import io.agentx.api.StoredTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Event numbering, resuming a stream after a position, parsing Last-Event-ID, and recovery after a restart. */
class ResumeAndRecoveryTest {

    /** A store that also keeps each task's events, as the durable store does. */
    static class EventStore extends StoreGateTest.MapStore {
        final List<StoredEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void save(String tenant, Task task, String agentId, List<StoredEvent> stored) {
            save(tenant, task);
            events.addAll(stored);
        }

        @Override
        public void append(String tenant, String taskId, List<StoredEvent> stored) {
            events.addAll(stored);
        }

        @Override
        public List<StoredEvent> events(String tenant, String taskId, long after) {
            return events.stream().filter(event -> event.sequence() > after).toList();
        }

        @Override
        public List<StoredTask> unfinished(int limit) {
            return tasks.values().stream().filter(task -> task.status().state() == TaskState.WORKING
                    || task.status().state() == TaskState.SUBMITTED).map(task -> new StoredTask(null, task, null)).limit(limit)
                    .toList();
        }
    }

    /** An event store whose background writes wait, in order, until the test releases or fails them. */
    static final class HeldEventStore extends EventStore {
        /** Each held write: what it would store, and the signal that lets it. */
        record Held(List<StoredEvent> events, CompletableFuture<Void> release) {
        }

        final List<Held> held = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> saveAsync(String tenant, Task task, String agentId, List<StoredEvent> stored) {
            return hold(stored, () -> save(tenant, task, agentId, stored));
        }

        @Override
        public CompletionStage<Void> appendAsync(String tenant, String taskId, List<StoredEvent> stored) {
            return hold(stored, () -> append(tenant, taskId, stored));
        }

        private CompletionStage<Void> hold(List<StoredEvent> stored, Runnable write) {
            Held next = new Held(stored, new CompletableFuture<>());
            held.add(next);
            return next.release().thenRun(write);
        }

        /** Lets the oldest held write through; returns the numbers of the events it stored. */
        List<Long> releaseOne() {
            Held first = held.remove(0);
            first.release().complete(null);
            return first.events().stream().map(StoredEvent::sequence).toList();
        }

        void failOne(RuntimeException error) {
            held.remove(0).release().completeExceptionally(error);
        }
    }

    private static final Recovery.Resumer NOTHING_RESUMES = new Recovery.Resumer() {
        @Override
        public Recovery.Decision decide(StoredTask stored) {
            return Recovery.Decision.FAIL;
        }

        @Override
        public void resume(StoredTask stored) {
            throw new AssertionError("nothing resumes");
        }
    };

    private static Task submitted(String id) {
        return new Task(id, "ctx", new TaskStatus(TaskState.SUBMITTED, null, Instant.now()), List.of(), List.of(), Map.of());
    }

    private static TaskRun run(EventStore store, Task task) {
        return new TaskRun(null, task, 0, store, finished -> { }, (event, number, last) -> { }, () -> false);
    }

    private static List<String> drain(Subscription subscription) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (!subscription.ended()) {
            StreamEvent event = subscription.next(Duration.ofMillis(200));
            if (event == null) {
                break;
            }
            ids.add(subscription.lastEventId());
        }
        return ids;
    }

    @Test
    void everyEventIsStoredWithItsNumberBeforeReadersSeeItAndAReaderResumesAfterAnyNumber() throws Exception {
        EventStore store = new EventStore();
        TaskRun run = run(store, submitted("t"));
        Subscription live = run.subscribe(16);
        run.status(TaskState.WORKING, null);
        run.artifact(new Artifact("a", null, null, List.of(Part.Text.of("one ")), Map.of(), List.of()), false, false);
        run.artifact(new Artifact("a", null, null, List.of(Part.Text.of("two")), Map.of(), List.of()), true, true);

        assertEquals(List.of(1L, 2L, 3L), store.events.stream().map(StoredEvent::sequence).toList());
        assertEquals(List.of("t:0", "t:1", "t:2", "t:3"), drain(live), "the snapshot carries the number it reflects");

        Subscription resumed = run.resume(1, 16);
        run.completed(null);
        assertEquals(List.of("t:2", "t:3", "t:4"), drain(resumed), "the missed events, then the live one");
        assertTrue(resumed.ended());

        Subscription afterTheEnd = run.resume(2, 16);
        assertEquals(List.of("t:3", "t:4"), drain(afterTheEnd), "a finished task replays and ends");
        assertTrue(afterTheEnd.ended());
    }

    @Test
    void theAgentNeverWaitsForTheStoreAndEventsRecordedDuringAWriteGoInTheNextOneAndOutInOrder() throws Exception {
        HeldEventStore store = new HeldEventStore();
        TaskRun run = new TaskRun(null, submitted("t"), 0, store, finished -> { }, (event, number, last) -> { }, () -> false);
        Subscription live = run.subscribe(16);
        run.status(TaskState.WORKING, null);
        for (String word : List.of("one ", "two ", "three")) {
            run.artifact(new Artifact("a", null, null, List.of(Part.Text.of(word)), Map.of(), List.of()), !"one ".equals(word),
                    "three".equals(word));
        }
        assertEquals(1, store.held.size(), "one write at a time; the agent was not held");
        assertEquals(List.of("t:0"), drain(live), "nothing goes out before it is stored");

        assertEquals(List.of(1L), store.releaseOne());
        assertEquals(List.of("t:1"), drain(live));
        run.completed(null);
        assertEquals(List.of(2L, 3L, 4L), store.releaseOne(), "the chunks recorded meanwhile, in one write");
        assertEquals(List.of("t:2", "t:3", "t:4"), drain(live));
        assertFalse(run.settled().isDone());
        assertEquals(List.of(5L), store.releaseOne());
        assertEquals(List.of("t:5"), drain(live));
        assertTrue(live.ended());
        assertEquals(TaskState.COMPLETED, run.settled().get(1, TimeUnit.SECONDS).status().state());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), store.events.stream().map(StoredEvent::sequence).toList());
    }

    @Test
    void aFailedBackgroundWriteCutsReadersOffAndItsEventsAreStoredWithTheNextWrite() throws Exception {
        HeldEventStore store = new HeldEventStore();
        TaskRun run = new TaskRun(null, submitted("t"), 0, store, finished -> { }, (event, number, last) -> { }, () -> false);
        Subscription live = run.subscribe(16);
        live.next(Duration.ofSeconds(1));
        assertEquals("t:0", live.lastEventId());
        run.status(TaskState.WORKING, null);
        store.failOne(new A2aException(A2aError.STORE_UNAVAILABLE, "the database is down"));
        A2aException cutOff = assertThrows(A2aException.class, () -> live.next(Duration.ofSeconds(1)));
        assertEquals(A2aError.STORE_UNAVAILABLE, cutOff.error(), "the reader learns why, and can resume later");

        run.artifact(new Artifact("a", null, null, List.of(Part.Text.of("out")), Map.of(), List.of()), false, true);
        assertTrue(store.held.isEmpty(), "no one watches now: the chunk waits for the settling write");
        run.completed(null);
        assertEquals(List.of(1L, 2L, 3L), store.releaseOne(), "the failed write's event is retried, in order");
        assertEquals(TaskState.COMPLETED, run.settled().get(1, TimeUnit.SECONDS).status().state());
        assertEquals(List.of("t:1", "t:2", "t:3"), drain(run.resume(0, 16)), "the event log has no gap");
    }

    @Test
    void aSettlingWriteThatFailsGivesTheWaiterTheStoresErrorAndTheNextCallRetriesIt() throws Exception {
        HeldEventStore store = new HeldEventStore();
        TaskRun run = new TaskRun(null, submitted("t"), 0, store, finished -> { }, (event, number, last) -> { }, () -> false);
        run.inputRequired(null);
        store.failOne(new A2aException(A2aError.STORE_UNAVAILABLE, "the database is down"));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> run.settled().get(1, TimeUnit.SECONDS));
        assertEquals(A2aError.STORE_UNAVAILABLE, ((A2aException) failed.getCause()).error());
        assertTrue(store.tasks.isEmpty());
        run.persist(); // e.g. a client's timed-out send: the task is stored as it stands, with what failed before
        assertEquals(TaskState.INPUT_REQUIRED, store.tasks.get("t").status().state());
    }

    @Test
    void aCallerWaitingForAWriteDoesNotHoldUpTheThreadThatEndsIt() throws Exception {
        HeldEventStore store = new HeldEventStore();
        TaskRun run = run(store, submitted("t"));
        Subscription live = run.subscribe(16);
        run.status(TaskState.WORKING, null); // watched: written at once, in the background
        Thread persisting = new Thread(run::persist, "persisting"); // e.g. a client's send timing out meanwhile
        persisting.setDaemon(true);
        persisting.start();
        while (persisting.getState() != Thread.State.WAITING) { // it waits for the write under way
            assertTrue(persisting.isAlive(), "persist waits for the write under way");
            Thread.sleep(1);
        }
        CompletableFuture<List<Long>> released = CompletableFuture.supplyAsync(store::releaseOne);
        assertEquals(List.of(1L), released.get(5, TimeUnit.SECONDS),
                "the thread ending the write went on: the waiting caller did not hold the run meanwhile");
        persisting.join(5_000);
        assertFalse(persisting.isAlive(), "persist ended once the write did");
        assertEquals(TaskState.WORKING, store.tasks.get("t").status().state());
        assertEquals(List.of("t:0", "t:1"), drain(live));
    }

    @Test
    void resumingAfterAnEventTheTaskNeverHadIsAClearError() {
        EventStore store = new EventStore();
        TaskRun run = run(store, submitted("t"));
        run.status(TaskState.WORKING, null);
        A2aException error = assertThrows(A2aException.class, () -> run.resume(5, 16));
        assertEquals(A2aError.INVALID_PARAMS, error.error());
        assertTrue(error.getMessage().contains("Last-Event-ID") && error.getMessage().contains("event 5"),
                error.getMessage());
    }

    @Test
    void aStoreThatKeepsNoEventsGivesAResumingReaderTheTaskAsItStands() throws Exception {
        StoreGateTest.MapStore store = new StoreGateTest.MapStore();
        TaskRun run = new TaskRun(null, submitted("t"), 0, store, finished -> { }, (event, number, last) -> { }, () -> false);
        run.status(TaskState.WORKING, null);
        run.status(TaskState.WORKING, null);
        Subscription resumed = run.resume(0, 16);
        StreamEvent first = resumed.next(Duration.ofMillis(200));
        assertTrue(first instanceof Task, "the task snapshot: " + first);
        assertEquals("t:2", resumed.lastEventId());
    }

    @Test
    void aRunOfAStoredTaskContinuesItsNumbering() throws Exception {
        EventStore store = new EventStore();
        TaskRun run = new TaskRun(null, submitted("t"), 7, store, finished -> { }, (event, number, last) -> { }, () -> false);
        run.status(TaskState.WORKING, null);
        run.completed(null);
        assertEquals(List.of(8L, 9L), store.events.stream().map(StoredEvent::sequence).toList(),
                "a task with a stored event log keeps it complete, followed now or not");
    }

    @Test
    void aTaskNoOneFollowsIsStoredOnceWhenItSettlesWithoutAnEventLog() throws Exception {
        EventStore store = new EventStore();
        TaskRun run = run(store, submitted("t"));
        run.status(TaskState.WORKING, null);
        run.artifact(new Artifact("a", null, null, List.of(Part.Text.of("x")), Map.of(), List.of()), false, true);
        assertTrue(store.tasks.isEmpty(), "nothing settled, no reader: nothing written yet");
        run.completed(null);
        assertEquals(TaskState.COMPLETED, store.tasks.get("t").status().state());
        assertEquals(1, store.tasks.get("t").artifacts().size(), "the stored task has its artifacts");
        assertEquals(List.of(), store.events, "no one could ask for its events: none kept");
        assertEquals(TaskState.COMPLETED, run.settled().get().status().state());
    }

    @Test
    void onceFollowedEveryLaterEventIsKept() throws Exception {
        EventStore store = new EventStore();
        TaskRun run = run(store, submitted("t"));
        run.status(TaskState.WORKING, null);
        run.subscribe(16).close();
        run.artifact(new Artifact("a", null, null, List.of(Part.Text.of("x")), Map.of(), List.of()), false, true);
        run.completed(null);
        assertEquals(List.of(1L, 2L, 3L), store.events.stream().map(StoredEvent::sequence).toList(),
                "the events before the reader came are kept too (they were unwritten when it came)");
    }

    @Test
    void aSubscriberMakesEveryEventDurableBeforeItIsOffered() throws Exception {
        EventStore store = new EventStore();
        TaskRun run = run(store, submitted("t"));
        Subscription reader = run.subscribe(16);
        run.status(TaskState.WORKING, null);
        assertEquals(1, store.events.size(), "stored before the reader got it");
        reader.close();
    }

    @Test
    void aStoreFailureReachesTheWaitingClientAndTheSubscribersNotTheAgent() throws Exception {
        StoreGateTest.MapStore store = new StoreGateTest.MapStore();
        TaskRun run = new TaskRun(null, submitted("t"), 0, store, finished -> { }, (event, number, last) -> { }, () -> false);
        Subscription reader = run.subscribe(16);
        assertTrue(reader.next(Duration.ofMillis(100)) instanceof Task);
        store.closing = true;
        run.status(TaskState.COMPLETED, null); // the agent's part is done: what the store does is not its concern
        A2aException cutOff = assertThrows(A2aException.class, () -> reader.next(Duration.ofMillis(100)));
        assertEquals(A2aError.STORE_UNAVAILABLE, cutOff.error(), "the reader is cut off with the store's error");
        Exception waiting = assertThrows(Exception.class, () -> run.settled().get(1, TimeUnit.SECONDS));
        assertEquals(A2aError.STORE_UNAVAILABLE, ((A2aException) waiting.getCause()).error(),
                "a blocking client gets the store's error");
    }

    @Test
    void lastEventIdIsReadFromTheRequestAndABadOneIsAClearError() {
        assertNull(StreamPosition.of(RequestContext.internal()));
        assertEquals(new StreamPosition("task:with:colons", 12), StreamPosition.of(context("task:with:colons:12")));
        for (String bad : List.of("12", "t:", "t:x", "t:-1", ":3")) {
            A2aException error = assertThrows(A2aException.class, () -> StreamPosition.of(context(bad)), bad);
            assertEquals(A2aError.INVALID_PARAMS, error.error());
            assertTrue(error.getMessage().contains("Last-Event-ID"), error.getMessage());
        }
    }

    private static RequestContext context(String lastEventId) {
        return new RequestContext("anonymous", null, List.of(), "1.0", Map.of(RequestContext.LAST_EVENT_ID, lastEventId));
    }

    @Test
    void recoveryFailsTasksLeftInFlightButNotTheOnesRunningHereOrWaitingForInput() {
        EventStore store = new EventStore();
        store.save(null, submitted("left-submitted"));
        store.save(null, new Task("left-working", "ctx", new TaskStatus(TaskState.WORKING, null, Instant.now()), List.of(),
                List.of(), Map.of()));
        store.save(null, submitted("running-here"));
        store.save(null, new Task("asking", "ctx", new TaskStatus(TaskState.INPUT_REQUIRED, null, Instant.now()), List.of(),
                List.of(), Map.of()));

        new Recovery(store, id -> id.equals("running-here"), (tenant, task) -> run(store, task), NOTHING_RESUMES, 0).run();

        for (String id : List.of("left-submitted", "left-working")) {
            Task task = store.tasks.get(id);
            assertEquals(TaskState.FAILED, task.status().state(), id);
            assertTrue(task.status().message().text().contains("AgentX restarted"), task.status().message().text());
        }
        assertEquals(TaskState.SUBMITTED, store.tasks.get("running-here").status().state());
        assertEquals(TaskState.INPUT_REQUIRED, store.tasks.get("asking").status().state());
        assertTrue(store.events.stream().allMatch(event -> event.event() instanceof TaskStatusUpdateEvent),
                "the failure is an event in each task's log, so resuming streams see it");
    }
}
