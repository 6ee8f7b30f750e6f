package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.CopyOnWriteArrayList;
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

    private static final Recovery.Resumer NOTHING_RESUMES = new Recovery.Resumer() {
        @Override
        public boolean resumable(StoredTask stored) {
            return false;
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
    void aStoreFailureReachesTheAgentTheWaitingClientAndTheSubscribers() throws Exception {
        StoreGateTest.MapStore store = new StoreGateTest.MapStore();
        TaskRun run = new TaskRun(null, submitted("t"), 0, store, finished -> { }, (event, number, last) -> { }, () -> false);
        Subscription reader = run.subscribe(16);
        assertTrue(reader.next(Duration.ofMillis(100)) instanceof Task);
        store.closing = true;
        A2aException error = assertThrows(A2aException.class, () -> run.status(TaskState.COMPLETED, null));
        assertEquals(A2aError.STORE_UNAVAILABLE, error.error());
        assertThrows(A2aException.class, () -> reader.next(Duration.ofMillis(100)), "the reader is cut off");
        Exception waiting = assertThrows(Exception.class, () -> run.settled().get());
        assertEquals(error, waiting.getCause(), "a blocking client gets the store's error");
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

        new Recovery(store, id -> id.equals("running-here"), (tenant, task) -> run(store, task), NOTHING_RESUMES).run();

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
