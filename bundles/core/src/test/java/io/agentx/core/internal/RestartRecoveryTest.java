package io.agentx.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.model.AgentCapabilities;
import io.agentx.a2a.model.AgentCard;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.api.Agent;
import io.agentx.api.AgentRequest;
import io.agentx.api.StoredTask;
import io.agentx.api.TaskEvents;
import io.agentx.api.TaskStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a restarted task manager does with the tasks a durable store holds as in flight. */
class RestartRecoveryTest {

    /** A durable store's view after a crash: tasks with the agent that last worked on each. */
    static final class CrashedStore extends ResumeAndRecoveryTest.EventStore {
        final Map<String, String> agents = new ConcurrentHashMap<>();

        @Override
        public List<StoredTask> unfinished(int limit) {
            return super.unfinished(limit).stream()
                    .map(stored -> new StoredTask(null, stored.task(), agents.get(stored.task().id()))).toList();
        }
    }

    /** An agent that finishes whatever it is given, remembering what it was given. */
    static final class Finisher implements Agent {
        final List<AgentRequest> received = new CopyOnWriteArrayList<>();

        @Override
        public AgentCard card() {
            return new AgentCard("Finisher", "finishes", List.of(), null, "1", null,
                    new AgentCapabilities(false, false, List.of(), false), null, null, List.of("text/plain"),
                    List.of("text/plain"), List.of(), null, null);
        }

        @Override
        public void execute(AgentRequest request, TaskEvents events) {
            received.add(request);
            events.completed(events.agentMessage("finished after the restart"));
        }

        @Override
        public void cancel(AgentRequest request, TaskEvents events) {
            events.cancelled();
        }
    }

    private static Task working(String id) {
        Message asked = new Message("m-" + id, "ctx", id, Role.USER, List.of(Part.Text.of("do " + id)), null, null, null);
        return new Task(id, "ctx", new TaskStatus(TaskState.WORKING, null, Instant.now()), List.of(), List.of(asked),
                Map.of());
    }

    private static TaskManager restart(MapRouter router, CrashedStore store, boolean resume) {
        return restart(router, store, resume, 30);
    }

    private static TaskManager restart(MapRouter router, CrashedStore store, boolean resume, int waitSeconds) {
        TaskManager manager = new TaskManager(router, Configs.of(CoreConfig.class,
                Map.of("resumeTasksAfterRestart", resume, "resumeWaitSeconds", waitSeconds)), null);
        manager.addStore(store, Map.of("service.ranking", 100, "service.id", 7L, TaskStore.DURABLE, true));
        return manager;
    }

    private static Task await(CrashedStore store, String id, TaskState state) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Task task = store.tasks.get(id);
            if (task.status().state() == state) {
                return task;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(id + " did not become " + state + ": " + store.tasks.get(id).status());
    }

    @Test
    void aTaskOfAnAgentThatResumesGoesBackToItAndOthersAreFailed() throws Exception {
        MapRouter router = new MapRouter();
        Finisher resumer = new Finisher();
        Finisher other = new Finisher();
        router.add("resumer", resumer);
        router.resumes("resumer");
        router.add("other", other);
        CrashedStore store = new CrashedStore();
        store.save(null, working("back"));
        store.agents.put("back", "resumer");
        store.save(null, working("lost"));
        store.agents.put("lost", "other");
        store.save(null, working("unknown-agent"));

        TaskManager manager = restart(router, store, true);
        try {
            Task back = await(store, "back", TaskState.COMPLETED);
            assertEquals("finished after the restart", back.status().message().text());
            assertEquals(1, resumer.received.size());
            assertEquals("do back", resumer.received.get(0).message().text(), "the agent gets the task's last message");
            assertEquals(TaskState.WORKING, resumer.received.get(0).task().status().state());
            assertTrue(resumer.received.get(0).resumed(), "the agent learns that it resumes the task");

            Task lost = await(store, "lost", TaskState.FAILED);
            assertTrue(lost.status().message().text().contains("AgentX restarted"), lost.status().message().text());
            await(store, "unknown-agent", TaskState.FAILED);
            assertEquals(List.of(), other.received, "an agent that does not resume gets nothing");
        } finally {
            manager.deactivate();
        }
    }

    @Test
    void withResumingTurnedOffEveryTaskInFlightIsFailed() throws Exception {
        MapRouter router = new MapRouter();
        Finisher resumer = new Finisher();
        router.add("resumer", resumer);
        router.resumes("resumer");
        CrashedStore store = new CrashedStore();
        store.save(null, working("back"));
        store.agents.put("back", "resumer");

        TaskManager manager = restart(router, store, false);
        try {
            await(store, "back", TaskState.FAILED);
            assertEquals(List.of(), resumer.received);
        } finally {
            manager.deactivate();
        }
    }

    @Test
    void aTaskWhoseAgentIsNotThereYetWaitsForItAndGoesBackToItWhenItComes() throws Exception {
        MapRouter router = new MapRouter();
        CrashedStore store = new CrashedStore();
        store.save(null, working("later"));
        store.agents.put("later", "plugin-agent"); // its plugin process is being started again

        TaskManager manager = restart(router, store, true, 30);
        try {
            Thread.sleep(3 * Recovery.WAIT_POLL_MILLIS);
            assertEquals(TaskState.WORKING, store.tasks.get("later").status().state(), "it waits for its agent");
            Finisher plugin = new Finisher();
            router.resumes("plugin-agent");
            router.add("plugin-agent", plugin);

            Task back = await(store, "later", TaskState.COMPLETED);
            assertEquals("finished after the restart", back.status().message().text());
            assertEquals(1, plugin.received.size());
            assertTrue(plugin.received.get(0).resumed());
        } finally {
            manager.deactivate();
        }
    }

    @Test
    void aTaskWhoseAgentComesBackWithoutResumingOrNeverComesIsFailed() throws Exception {
        MapRouter router = new MapRouter();
        CrashedStore store = new CrashedStore();
        store.save(null, working("declines"));
        store.agents.put("declines", "late-agent");
        store.save(null, working("orphan"));
        store.agents.put("orphan", "uninstalled-agent");

        TaskManager manager = restart(router, store, true, 1);
        try {
            Finisher late = new Finisher();
            router.add("late-agent", late); // there again, but it does not resume tasks
            Task declined = await(store, "declines", TaskState.FAILED);
            assertTrue(declined.status().message().text().contains("AgentX restarted"));
            await(store, "orphan", TaskState.FAILED); // after the wait
            assertEquals(List.of(), late.received);
        } finally {
            manager.deactivate();
        }
    }
}
