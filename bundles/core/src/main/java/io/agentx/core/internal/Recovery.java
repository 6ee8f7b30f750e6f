package io.agentx.core.internal;

import io.agentx.a2a.model.Task;
import io.agentx.api.StoredTask;
import io.agentx.api.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the tasks a durable store holds as submitted or working that nothing here is running: they were in
 * flight when AgentX stopped (or crashed). A task whose agent resumes tasks is handed back to it; any other is
 * marked failed with a status message saying so, through a run so that its stream subscribers, its event log and
 * its push destinations all learn it.
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

    /** What happens to a task whose agent can take it back. */
    interface Resumer {
        /** Whether the task goes back to its agent. */
        boolean resumable(StoredTask stored);

        /** Hands the task back to its agent (which then counts as running it). */
        void resume(StoredTask stored);
    }

    private final TaskStore store;
    private final Predicate<String> running;
    private final Runs runs;
    private final Resumer resumer;

    Recovery(TaskStore store, Predicate<String> running, Runs runs, Resumer resumer) {
        this.store = store;
        this.running = running;
        this.runs = runs;
        this.resumer = resumer;
    }

    void run() {
        int failed = 0;
        List<CompletableFuture<Task>> marking = new ArrayList<>();
        int resumed = 0;
        List<StoredTask> unfinished = store.unfinished(MOST);
        if (unfinished.size() == MOST) {
            LOG.warn("More than {} tasks were in flight at the last stop; the rest are settled on the next start", MOST);
        }
        for (StoredTask stored : unfinished) {
            if (running.test(stored.task().id())) {
                continue;
            }
            if (resumer.resumable(stored)) {
                resumer.resume(stored);
                resumed++;
                continue;
            }
            try {
                TaskRun run = runs.create(stored.tenant(), stored.task());
                run.failed("AgentX restarted while this task was " + stored.task().status().state().wireName()
                        + "; its agent did not finish it. Send the request again to retry.");
                marking.add(run.settled());
            } catch (IllegalStateException finishedMeanwhile) {
                // a client or agent finished it first
            }
            if (marking.size() == MARKING_AT_ONCE) {
                failed += awaitMarked(marking);
            }
        }
        failed += awaitMarked(marking);
        if (resumed > 0) {
            LOG.info("{} task(s) in flight when AgentX last stopped went back to their agents", resumed);
        }
        if (failed > 0) {
            LOG.warn("{} task(s) were in flight when AgentX last stopped; they are now failed with a status message "
                    + "saying so", failed);
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
