package io.agentx.core.internal;

import io.agentx.a2a.model.Task;
import io.agentx.api.StoredTask;
import io.agentx.api.TaskStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the tasks a durable store holds as submitted or working that nothing here is running: they were in
 * flight when AgentX stopped (or crashed). A task whose agent resumes tasks is handed back to it; any other is
 * marked failed with a status message saying so, through a run so that its stream subscribers, its event log and
 * its push destinations all learn it. A task whose agent is not there yet (a plugin process AgentX is starting
 * again, a bundle still starting) waits for it, for a bounded time, before that decision is made.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** At most this many tasks are settled per start (each was running when AgentX stopped: a bounded number). */
    private static final int MOST = 100_000;

    /** Tasks whose failed state is being written at once: bounded, so the store's write queue never overflows. */
    private static final int MARKING_AT_ONCE = 1_000;

    /** Creates a run for a stored task. */
    interface Runs {
        TaskRun create(String tenant, Task task);
    }

    /** What becomes of a task in flight at the last stop. */
    enum Decision {
        /** Its agent takes it back. */
        RESUME,
        /** It is marked failed. */
        FAIL,
        /** Its agent is not there (yet): ask again later. */
        WAIT
    }

    /** Decides for each task, and hands those that go back to their agent. */
    interface Resumer {
        Decision decide(StoredTask stored);

        /** Hands the task back to its agent (which then counts as running it). */
        void resume(StoredTask stored);
    }

    /** How often tasks waiting for their agent are looked at again. */
    static final long WAIT_POLL_MILLIS = 200;

    private final TaskStore store;
    private final Predicate<String> running;
    private final Runs runs;
    private final Resumer resumer;
    private final long waitMillis;

    /** waitMillis: how long a task whose agent is not there waits for it before it is failed. */
    Recovery(TaskStore store, Predicate<String> running, Runs runs, Resumer resumer, long waitMillis) {
        this.store = store;
        this.running = running;
        this.runs = runs;
        this.resumer = resumer;
        this.waitMillis = waitMillis;
    }

    void run() {
        int failed = 0;
        List<CompletableFuture<Task>> marking = new ArrayList<>();
        int resumed = 0;
        List<StoredTask> unfinished = store.unfinished(MOST);
        if (unfinished.size() == MOST) {
            LOG.warn("More than {} tasks were in flight at the last stop; the rest are settled on the next start", MOST);
        }
        List<StoredTask> waiting = new ArrayList<>();
        for (StoredTask stored : unfinished) {
            if (running.test(stored.task().id())) {
                continue;
            }
            Decision decision = resumer.decide(stored);
            if (decision == Decision.WAIT) {
                waiting.add(stored);
            } else {
                resumed += settle(stored, decision, marking);
            }
            if (marking.size() == MARKING_AT_ONCE) {
                failed += awaitMarked(marking);
            }
        }
        failed += awaitMarked(marking);
        if (!waiting.isEmpty()) {
            LOG.info("{} task(s) in flight when AgentX last stopped wait up to {} ms for their agents to come back",
                    waiting.size(), waitMillis);
            Settled settled = awaitAgents(waiting);
            resumed += settled.resumed();
            failed += settled.failed();
        }
        if (resumed > 0) {
            LOG.info("{} task(s) in flight when AgentX last stopped went back to their agents", resumed);
        }
        if (failed > 0) {
            LOG.warn("{} task(s) were in flight when AgentX last stopped; they are now failed with a status message "
                    + "saying so", failed);
        }
    }

    /** How many tasks went back to their agents and how many were failed. */
    private record Settled(int resumed, int failed) {
    }

    /** Hands the task back to its agent or fails it, as decided; returns 1 if it went back, else 0. */
    private int settle(StoredTask stored, Decision decision, List<CompletableFuture<Task>> marking) {
        if (decision == Decision.RESUME) {
            resumer.resume(stored);
            return 1;
        }
        markFailed(stored, marking);
        return 0;
    }

    /**
     * Asks again about each waiting task until its agent is back or the wait is over (then it fails). A task someone
     * finished or took up meanwhile drops out. The store is read only for a task about to be settled.
     */
    private Settled awaitAgents(List<StoredTask> waiting) {
        int resumed = 0;
        List<CompletableFuture<Task>> marking = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (!waiting.isEmpty()) {
            try {
                Thread.sleep(WAIT_POLL_MILLIS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                LOG.info("{} task(s) still wait for their agents; the next start resolves them", waiting.size());
                break;
            }
            boolean over = System.nanoTime() - deadline >= 0;
            for (Iterator<StoredTask> tasks = waiting.iterator(); tasks.hasNext(); ) {
                StoredTask waited = tasks.next();
                Decision decision = resumer.decide(waited);
                if (decision == Decision.WAIT && !over) {
                    continue;
                }
                tasks.remove();
                StoredTask current = current(waited);
                if (current != null) {
                    resumed += settle(current, decision == Decision.RESUME ? decision : Decision.FAIL, marking);
                }
            }
        }
        return new Settled(resumed, awaitMarked(marking));
    }

    /** The task as stored now, or null if it was finished or taken up here while it waited. */
    private StoredTask current(StoredTask waited) {
        if (running.test(waited.task().id())) {
            return null;
        }
        return store.findStored(waited.tenant(), waited.task().id())
                .filter(stored -> !stored.task().status().state().isTerminal())
                .map(stored -> stored.agentId() == null ? new StoredTask(stored.tenant(), stored.task(), waited.agentId())
                        : stored)
                .orElse(null);
    }

    private void markFailed(StoredTask stored, List<CompletableFuture<Task>> marking) {
        try {
            TaskRun run = runs.create(stored.tenant(), stored.task());
            run.failed("AgentX restarted while this task was " + stored.task().status().state().wireName()
                    + "; its agent did not finish it. Send the request again to retry.");
            marking.add(run.settled());
        } catch (IllegalStateException finishedMeanwhile) {
            // a client or agent finished it first
        }
    }

    /** Waits until the tasks being marked failed are stored; returns how many were. */
    private static int awaitMarked(List<CompletableFuture<Task>> marking) {
        int stored = 0;
        for (CompletableFuture<Task> settled : marking) {
            try {
                settled.join();
                stored++;
            } catch (CompletionException | CancellationException e) {
                LOG.warn("A task in flight at the last stop could not be marked failed ({}); the next start tries again",
                        e.getCause() == null ? e.toString() : e.getCause().getMessage());
            }
        }
        marking.clear();
        return stored;
    }
}
