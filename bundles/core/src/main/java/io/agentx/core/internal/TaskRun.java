package io.agentx.core.internal;

import io.agentx.a2a.model.A2aException;
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
import io.agentx.api.StoredEvent;
import io.agentx.api.TaskEvents;
import io.agentx.api.TaskStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A task while an agent works on it: applies the agent's events in order through the state machine, numbers
 * them, and fans each out to every subscriber without waiting for any of them. An event is stored before anyone
 * outside sees it: at once when the task has readers (stream subscribers, push destinations), otherwise with the
 * next event that settles the task, in one write (an event no one saw needs no write of its own: a crash before
 * it is stored loses nothing that was acknowledged). Writes are made in the background, one at a time per task:
 * the agent's thread never waits for the store; events recorded while a write is under way go together in the
 * next one; each event goes out (to subscribers, push delivery, and whoever waits for the task to settle), in
 * order, once it is stored. A subscriber that lost its connection resumes after the last event number it saw.
 */
final class TaskRun implements TaskEvents {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskRun.class);
    /** Receives each event once it is stored, with its number; {@code last}: the task has finished. */
    interface EventListener {
        void accept(StreamEvent event, long sequence, boolean last);
    }

    private final String tenant;
    private final TaskStore store;
    private final Consumer<TaskRun> onFinal;
    private final EventListener onEvent;
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private volatile Task task;
    private volatile Message reply;
    private volatile String agentId;
    private boolean changed;
    private boolean abandoned;
    /** Whether the task was stored for a client that did not wait for it: it can no longer be dropped. */
    private boolean announced;
    private final List<Subscription> awaitingTask = new ArrayList<>();
    private volatile CompletableFuture<Task> settled = new CompletableFuture<>();
    /** The number of the last event applied (0: none since the task was created). */
    private long sequence;
    /** Events applied but not stored yet, oldest first; whether the task snapshot changed since it was stored. */
    private final List<StoredEvent> unwritten = new ArrayList<>();
    private boolean snapshotUnwritten;
    /** Whether a stream reader or a push destination ever followed the task: only then is its event log kept. */
    private boolean followed;
    private final java.util.function.BooleanSupplier watchedElsewhere;
    /** The write under way, at most one at a time; {@code null}: none. */
    private Pending writing;
    /** The number of the last event the store holds (or that needed no write). */
    private long stored;
    /** Events recorded that have not gone out yet, oldest first. */
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    /** Whether anything of the task may be in the store: only then is there something to delete. */
    private boolean everStored = true;

    /** A write under way: the events it carries (oldest first), whether it saves the task, and its last event. */
    private record Pending(CompletableFuture<Void> done, List<StoredEvent> events, boolean snapshot, long upTo) {
    }

    /**
     * An event waiting to go out: its number, whether it must be stored first, and, for an event that settles
     * the task, the task it settles with and who waits for that.
     */
    private record Outgoing(StreamEvent event, long sequence, boolean needsWrite, boolean last, boolean terminal,
            Task settledTask, CompletableFuture<Task> settledFuture) {
    }

    /**
     * @param sequence the number of the task's last stored event (0 for a new task)
     * @param watchedElsewhere whether the task's events go out other than to subscribers (push destinations)
     */
    TaskRun(String tenant, Task task, long sequence, TaskStore store, Consumer<TaskRun> onFinal,
            EventListener onEvent, java.util.function.BooleanSupplier watchedElsewhere) {
        this.tenant = tenant;
        this.task = task;
        this.sequence = sequence;
        this.stored = sequence;
        this.followed = sequence > 0; // a task with a stored event log keeps it complete
        this.watchedElsewhere = watchedElsewhere;
        this.store = store;
        this.onFinal = onFinal;
        this.onEvent = onEvent;
    }

    /** Marks the run's task as created just now: nothing of it is in the store until it is written. */
    TaskRun created() {
        everStored = false;
        return this;
    }

    /** Stores the task as it stands: before its id reaches a client that did not wait for it to settle. */
    synchronized void persist() {
        awaitWrites();
        announced = true;
        snapshotUnwritten = true;
        if (unwritten.isEmpty()) {
            store.save(tenant, task, agentId, List.of());
            snapshotUnwritten = false;
            everStored = true;
        } else {
            flush();
        }
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
        awaitWrites();
        followed = true;
        flush();
        Subscription subscription = new Subscription(capacity, subscribers::remove);
        boolean done = task.status().state().isTerminal();
        subscription.offer(task, streamId(sequence), done);
        if (!done) {
            subscribers.add(subscription);
        }
        return subscription;
    }

    /**
     * A reader that saw the events up to number {@code after}: it receives the stored events it missed, then the
     * live ones. If the store keeps no events, it receives the task as it stands instead of the missed events.
     */
    synchronized Subscription resume(long after, int capacity) {
        awaitWrites();
        followed = true;
        flush();
        if (after > sequence) {
            throw A2aException.invalid("Last-Event-ID", "names event " + after + " of task " + task.id()
                    + ", which has had " + sequence + " event(s); send the id of the last event received");
        }
        List<StoredEvent> missed = after < sequence ? store.events(tenant, task.id(), after) : List.of();
        Subscription subscription = new Subscription(capacity + missed.size(), subscribers::remove);
        boolean done = task.status().state().isTerminal();
        if (after < sequence && missed.isEmpty()) {
            subscription.offer(task, streamId(sequence), done);
        } else {
            for (StoredEvent event : missed) {
                subscription.offer(event.event(), streamId(event.sequence()), false);
            }
            if (done) {
                subscription.end();
            }
        }
        if (!done) {
            subscribers.add(subscription);
        }
        return subscription;
    }

    private String streamId(long number) {
        return StoredEvent.streamId(task.id(), number);
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
                subscription.offer(task, streamId(sequence), false);
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
        TaskStatus working = new TaskStatus(TaskState.WORKING, null, Instant.now());
        StreamEvent event = new TaskStatusUpdateEvent(task.id(), task.contextId(), working, null);
        record(new Task(task.id(), task.contextId(), working, task.artifacts(), history, task.metadata()), event, true);
        emit(event, false);
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
        return abandon(null);
    }

    /** Drops the task as {@link #abandon()} does; whoever waits for it gets {@code error}, if there is one. */
    private boolean abandon(A2aException error) {
        if (changed || reply != null || abandoned || announced || task.status().state() != TaskState.SUBMITTED
                || task.history().size() != 1) {
            return false;
        }
        abandoned = true;
        forget();
        subscribers.clear();
        awaitingTask.clear();
        if (error == null) {
            settled.complete(task);
        } else {
            settled.completeExceptionally(error);
        }
        onFinal.accept(this);
        return true;
    }

    /** The agent could not take the request: the waiting client gets the error, else the task fails with it. */
    @Override
    public synchronized void rejected(A2aException error) {
        if (!abandon(error)) {
            failed(error.getMessage());
        }
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
        forget();
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
        StreamEvent event = new TaskStatusUpdateEvent(task.id(), task.contextId(), status, null);
        record(new Task(task.id(), task.contextId(), status, task.artifacts(), history, task.metadata()), event, true);
        emit(event, state.isTerminal() || state.isInterrupted());
    }

    @Override
    public synchronized void annotate(Map<String, Object> metadata) {
        requireTask();
        if (task.status().state().isTerminal()) {
            throw new IllegalStateException("task " + task.id() + " is " + task.status().state() + "; it keeps no new metadata");
        }
        Map<String, Object> merged = new LinkedHashMap<>(task.metadata() == null ? Map.of() : task.metadata());
        merged.putAll(metadata);
        task = new Task(task.id(), task.contextId(), task.status(), task.artifacts(), task.history(), merged);
        snapshotUnwritten = true; // written with the next event
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
        StreamEvent event = new TaskArtifactUpdateEvent(task.id(), task.contextId(), artifact, append, lastChunk, null);
        record(new Task(task.id(), task.contextId(), task.status(), artifacts, task.history(), task.metadata()), event,
                false);
        emit(event, false);
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

    /**
     * Deletes the stored task, if anything of it was stored, in the background and best effort: what waits on the
     * run is released whether or not it succeeds.
     */
    private void forget() {
        if (!everStored) {
            return;
        }
        String state = task.status().state().wireName();
        store.deleteAsync(tenant, task.id()).whenComplete((done, error) -> {
            if (error != null) {
                LOG.warn("Task {} stays stored as {}: it could not be deleted ({})", task.id(), state,
                        Completions.cause(error).getMessage());
            }
        });
    }

    /** Applies an event as the next of the task's events; {@code snapshot}: it changes the stored task too. */
    private void record(Task next, StreamEvent event, boolean snapshot) {
        sequence++;
        unwritten.add(new StoredEvent(sequence, event));
        snapshotUnwritten |= snapshot;
        task = next;
    }

    /**
     * Stores the events not stored yet, with the task as they left it if that changed, in one durable write, and
     * sends out what waited for them. On failure they stay unwritten (the next write retries them) and every
     * subscriber is cut off with the error: it can resume from the last event it received once the store is back.
     * Only for callers that wait anyway (a client's request): {@link #awaitWrites} first.
     */
    private void flush() {
        if (unwritten.isEmpty()) {
            return;
        }
        // events are kept for readers who may come back for them: those of a task no one ever followed go unstored
        List<StoredEvent> events = followed ? List.copyOf(unwritten) : List.of();
        try {
            if (snapshotUnwritten || events.isEmpty()) {
                store.save(tenant, task, agentId, events);
            } else {
                store.append(tenant, task.id(), events);
            }
        } catch (RuntimeException e) {
            cutOffSubscribers(e);
            throw e;
        }
        everStored = true;
        unwritten.clear();
        snapshotUnwritten = false;
        stored = sequence;
        sendOut();
    }

    /**
     * The event just recorded goes out once it is stored: it is stored at once (in the background) if anyone
     * sees it or it settles the task, else with the next event that is.
     */
    private void emit(StreamEvent event, boolean last) {
        boolean watched = watched();
        followed |= watched;
        boolean terminal = last && task.status().state().isTerminal();
        outbox.add(new Outgoing(event, sequence, last || watched, last, terminal, last ? task : null,
                last ? settled : null));
        if (last || watched) {
            writeInBackground();
        }
        sendOut();
    }

    /** Whether anyone sees the task's events as they come: stream subscribers or push destinations. */
    private boolean watched() {
        return !subscribers.isEmpty() || watchedElsewhere.getAsBoolean();
    }

    /** Starts writing the events not stored yet, unless a write is under way (its end starts the next). */
    private void writeInBackground() {
        if (writing != null || unwritten.isEmpty()) {
            return;
        }
        List<StoredEvent> events = followed ? List.copyOf(unwritten) : List.of();
        boolean snapshot = snapshotUnwritten || events.isEmpty();
        CompletionStage<Void> write;
        try {
            write = snapshot ? store.saveAsync(tenant, task, agentId, events) : store.appendAsync(tenant, task.id(), events);
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        Pending pending = new Pending(write.toCompletableFuture(), List.copyOf(unwritten), snapshotUnwritten, sequence);
        unwritten.clear();
        snapshotUnwritten = false;
        writing = pending;
        pending.done().whenComplete((done, error) -> written(pending, error));
    }

    /**
     * A background write ended. Stored: what waited for it goes out. Failed: its events are unwritten again (the
     * next write retries them), subscribers are cut off, and the events that waited for it do not go out (one that
     * settles the task gives its waiter the store's error instead). Runs on the thread that ends the write, and
     * wakes whoever {@link #awaitWrites waits} for it.
     */
    private synchronized void written(Pending pending, Throwable error) {
        writing = null;
        notifyAll();
        if (error == null) {
            everStored = true;
            stored = pending.upTo();
        } else {
            Throwable cause = Completions.cause(error);
            unwritten.addAll(0, pending.events());
            snapshotUnwritten |= pending.snapshot();
            cutOffSubscribers(cause);
            while (!outbox.isEmpty() && outbox.peek().sequence() <= pending.upTo()) {
                Outgoing lost = outbox.poll();
                if (lost.last()) {
                    lost.settledFuture().completeExceptionally(cause);
                    if (lost.terminal()) {
                        onFinal.accept(this);
                    }
                }
            }
        }
        if (outbox.stream().anyMatch(Outgoing::needsWrite)) {
            writeInBackground();
        }
        sendOut();
    }

    /** Sends out, in order, the events at the head of the outbox that are stored or need no write. */
    private void sendOut() {
        while (!outbox.isEmpty() && (!outbox.peek().needsWrite() || outbox.peek().sequence() <= stored)) {
            Outgoing next = outbox.poll();
            String id = streamId(next.sequence());
            for (Subscription subscription : subscribers) {
                if (!subscription.offer(next.event(), id, next.last()) || next.last()) {
                    subscribers.remove(subscription);
                }
            }
            onEvent.accept(next.event(), next.sequence(), next.terminal());
            if (next.last()) {
                next.settledFuture().complete(next.settledTask());
                if (next.terminal()) {
                    onFinal.accept(this);
                }
            }
        }
    }

    /**
     * Waits for the writes under way to end and what they stored to go out: the run is then as the store has it.
     * The run is not held meanwhile ({@link #written}, on the thread that ends a write, needs it), and the wait is
     * bounded: a store fails a write it cannot confirm in time.
     */
    private void awaitWrites() {
        boolean interrupted = false;
        while (writing != null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the caller still needs the run as stored; it learns of the interrupt after
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void cutOffSubscribers(Throwable cause) {
        A2aException error = cause instanceof A2aException known ? known
                : new A2aException(io.agentx.a2a.model.A2aError.INTERNAL_ERROR, "the task store failed: " + cause);
        for (Subscription subscription : subscribers) {
            subscription.fail(error);
        }
        subscribers.clear();
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
