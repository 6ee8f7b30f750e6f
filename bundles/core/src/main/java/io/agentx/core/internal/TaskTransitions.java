package io.agentx.core.internal;

import io.agentx.a2a.model.TaskState;

/** The legal moves of the task state machine. */
final class TaskTransitions {
    private TaskTransitions() {
    }

    static boolean allowed(TaskState from, TaskState to) {
        if (from.isTerminal() || to == TaskState.SUBMITTED || to == TaskState.UNSPECIFIED) {
            return false;
        }
        return true;
    }

    static String explain(TaskState from, TaskState to) {
        if (from.isTerminal()) {
            return "the task is already " + from.wireName() + ", a terminal state; it cannot become " + to.wireName();
        }
        return "a task cannot move from " + from.wireName() + " to " + to.wireName();
    }
}
