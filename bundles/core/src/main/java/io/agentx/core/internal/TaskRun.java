package io.agentx.core.internal;

import io.agentx.a2a.model.Artifact;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Part;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.StreamEvent;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskArtifactUpdateEvent;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.a2a.model.TaskStatusUpdateEvent;
import io.agentx.api.TaskEvents;
import io.agentx.api.TaskStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A task while an agent works on it: applies the agent's events in order through the state machine, saves
 * each new snapshot, and fans the event out to every subscriber without waiting for any of them.
 */
final class TaskRun implements TaskEvents {
    private final String tenant;
    private final TaskStore store;
    private final Consumer<TaskRun> onFinal;
    private final java.util.function.BiConsumer<StreamEvent, Boolean> onEvent;
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private volatile Task task;
    private volatile Message reply;
    private volatile String agentId;
    private boolean changed;
    private boolean abandoned;
    private final List<Subscription> awaitingTask = new ArrayList<>();
    private volatile CompletableFuture<Task> settled = new CompletableFuture<>();

    TaskRun(String tenant, Task task, TaskStore store, Consumer<TaskRun> onFinal,
            java.util.function.BiConsumer<StreamEvent, Boolean> onEvent) {
        this.tenant = tenant;
        this.task = task;
        this.store = store;
        this.onFinal = onFinal;
        this.onEvent = onEvent;
    }

    /** Stores the task as it stands: before its id reaches a client that did not wait for it to settle. */
    void persist() {
        store.save(tenant, task);
    }

    /** The agent working on the task, once known. */
    String agentId() {
        return agentId;
    }

    void agentId(String agentId) {
        this.agentId = agentId;
    }

    Task snapshot() {
        return task;
    }

    String tenant() {
        return tenant;
    }

    /** The agent's direct answer, if it answered with a message instead of a task. */
    Message reply() {
        return reply;
    }

    /** Completes when the task reaches a terminal or interrupted state. */
    CompletableFuture<Task> settled() {
        return settled;
    }

    /** A new reader, whose first event is the task as it stands now. */
    synchronized Subscription subscribe(int capacity) {
        Subscription subscription = new Subscription(capacity, subscribers::remove);
        boolean done = task.status().state().isTerminal();
        subscription.offer(task, done);
        if (!done) {
            subscribers.add(subscription);
        }
        return subscription;
    }

    /**
     * A reader of a new task's stream: it receives the task once the agent's first event shows it is a task
     * (an agent that answers with a message gives the reader only that message).
     */
    synchronized Subscription subscribeFromStart(int capacity) {
        Subscription subscription = new Subscription(capacity, subscribers::remove);
        awaitingTask.add(subscription);
        subscribers.add(subscription);
        return subscription;
    }

    private void announceTask() {
        if (!changed) {
            changed = true;
            for (Subscription subscription : awaitingTask) {
                subscription.offer(task, false);
            }
            awaitingTask.clear();
        }
    }

    /** A follow-up message on an interrupted task: it joins the history and the task works again. */
    synchronized void continueWith(Message message) {
        TaskState state = task.status().state();
        if (!state.isInterrupted()) {
            throw new IllegalStateException("task " + task.id() + " is " + state.wireName() + ", not waiting for input");
        }
        settled = new CompletableFuture<>();
        List<Message> history = new ArrayList<>(task.history());
        history.add(message);
        update(new Task(task.id(), task.contextId(), new TaskStatus(TaskState.WORKING, null, Instant.now()),
                task.artifacts(), history, task.metadata()));
        publish(new TaskStatusUpdateEvent(task.id(), task.contextId(), task.status(), null), false);
    }

    @Override
    public String taskId() {
        return task.id();
    }

    @Override
    public String contextId() {
        return task.contextId();
    }

    /**
     * Drops a new task nothing has happened to (its agent could not take it), so that the client gets the error
     * instead of a task. Returns false, changing nothing, if the task already had events or existed before.
     */
    synchronized boolean abandon() {
        if (changed || reply != null || abandoned || task.status().state() != TaskState.SUBMITTED
                || task.history().size() != 1) {
            return false;
        }
        abandoned = true;
        store.delete(tenant, task.id());
        subscribers.clear();
        awaitingTask.clear();
        settled.complete(task);
        onFinal.accept(this);
        return true;
    }

    private void requireTask() {
        if (reply != null) {
            throw new IllegalStateException("the agent already answered with a message; there is no task to update");
        }
        if (abandoned) {
            throw new IllegalStateException("task " + task.id() + " was dropped because its agent could not take it");
        }
    }

    @Override
    public synchronized void respond(Message message) {
        if (changed || reply != null || abandoned) {
            throw new IllegalStateException("task " + task.id() + " already has events; a direct message answer must be"
                    + " the agent's first and only event");
        }
        reply = message.withTask(null, task.contextId());
        store.delete(tenant, task.id());
        for (Subscription subscription : subscribers) {
            subscription.offer(reply, true);
        }
        subscribers.clear();
        awaitingTask.clear();
        settled.complete(task);
        onFinal.accept(this);
    }

    @Override
    public synchronized void status(TaskState state, Message message) {
        requireTask();
        announceTask();
        TaskState current = task.status().state();
        if (!TaskTransitions.allowed(current, state)) {
            throw new IllegalStateException(TaskTransitions.explain(current, state));
        }
        Message placed = message == null ? null : message.withTask(task.id(), task.contextId());
        List<Message> history = task.history();
        if (placed != null) {
            history = new ArrayList<>(history);
            history.add(placed);
        }
        TaskStatus status = new TaskStatus(state, placed, Instant.now());
        update(new Task(task.id(), task.contextId(), status, task.artifacts(), history, task.metadata()));
        boolean last = state.isTerminal() || state.isInterrupted();
        publish(new TaskStatusUpdateEvent(task.id(), task.contextId(), status, null), last);
        if (last) {
            settled.complete(task);
            if (state.isTerminal()) {
                onFinal.accept(this);
            }
        }
    }

    @Override
    public synchronized void artifact(Artifact artifact, boolean append, boolean lastChunk) {
        requireTask();
        announceTask();
        if (task.status().state().isTerminal()) {
            throw new IllegalStateException(TaskTransitions.explain(task.status().state(), TaskState.WORKING));
        }
        List<Artifact> artifacts = new ArrayList<>(task.artifacts());
        int index = indexOf(artifacts, artifact.artifactId());
        if (index < 0) {
            artifacts.add(artifact);
        } else if (append) {
            artifacts.set(index, artifacts.get(index).append(artifact.parts()));
        } else {
            artifacts.set(index, artifact);
        }
        task = new Task(task.id(), task.contextId(), task.status(), artifacts, task.history(), task.metadata());
        publish(new TaskArtifactUpdateEvent(task.id(), task.contextId(), artifact, append, lastChunk, null), false);
    }

    @Override
    public void failed(String reason) {
        status(TaskState.FAILED, agentMessage(reason));
    }

    @Override
    public Message agentMessage(String text) {
        return new Message(Ids.next(), task.contextId(), task.id(), Role.AGENT,
                List.of(Part.Text.of(text)), null, null, null);
    }

    private void update(Task next) {
        task = next;
        store.save(tenant, next);
    }

    private void publish(StreamEvent event, boolean last) {
        for (Subscription subscription : subscribers) {
            if (!subscription.offer(event, last) || last) {
                subscribers.remove(subscription);
            }
        }
        onEvent.accept(event, last && task.status().state().isTerminal());
    }

    private static int indexOf(List<Artifact> artifacts, String artifactId) {
        for (int i = 0; i < artifacts.size(); i++) {
            if (artifacts.get(i).artifactId().equals(artifactId)) {
                return i;
            }
        }
        return -1;
    }
}
