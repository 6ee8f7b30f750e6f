package io.agentx.router.internal.health;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A count-based circuit breaker: opens when too many of the last outcomes failed, and after a while lets one trial
 * request through at a time to decide whether to close again. A trial permit whose outcome never comes is given up
 * after the open time, so a lost permit cannot keep the breaker half-open for good.
 */
public final class CircuitBreaker {

    /** Where the breaker stands. */
    public enum State {
        CLOSED("closed"), OPEN("open"), HALF_OPEN("half-open");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** How operators see it. */
        public String label() {
            return label;
        }
    }

    private record Phase(boolean open, long openUntil, boolean trial, long trialSince) {
    }

    private static final Phase CLOSED = new Phase(false, 0, false, 0);

    private final AtomicReference<Phase> phase = new AtomicReference<>(CLOSED);
    private volatile HealthSettings settings;
    private boolean[] failedOutcomes;
    private int outcomes;
    private int failures;
    private int next;

    /** A closed breaker with the given tunables. */
    public CircuitBreaker(HealthSettings settings) {
        this.settings = settings;
        this.failedOutcomes = new boolean[settings.breakerWindow()];
    }

    /** Uses new tunables from now on; the window starts afresh if its size changed. */
    public synchronized void reconfigure(HealthSettings newSettings) {
        if (newSettings.breakerWindow() != failedOutcomes.length) {
            failedOutcomes = new boolean[newSettings.breakerWindow()];
            clearWindow();
        }
        settings = newSettings;
    }

    /** Whether a request could go through now, without claiming anything. */
    public boolean allows(long now) {
        Phase current = phase.get();
        return !current.open || (expired(current, now) && !trialInFlight(current, now));
    }

    /** Claims the right to send a request: always when closed, the single trial permit when half-open. */
    public boolean tryAcquire(long now) {
        while (true) {
            Phase current = phase.get();
            if (!current.open) {
                return true;
            }
            if (!expired(current, now) || trialInFlight(current, now)) {
                return false;
            }
            if (phase.compareAndSet(current, new Phase(true, current.openUntil, true, now))) {
                return true;
            }
        }
    }

    /** Records a request that went well; in half-open state it closes the breaker. */
    public synchronized void onSuccess(long now) {
        Phase current = phase.get();
        if (!current.open) {
            record(false);
        } else if (expired(current, now)) {
            clearWindow();
            phase.set(CLOSED);
        }
    }

    /** Records a request that failed; it may open the breaker, and in half-open state it reopens it. */
    public synchronized void onFailure(long now) {
        Phase current = phase.get();
        if (!current.open) {
            record(true);
            if (outcomes >= settings.breakerMinCalls() && failures >= settings.breakerFailureRate() * outcomes) {
                open(now);
            }
        } else if (expired(current, now)) {
            open(now);
        }
    }

    /** Where the breaker stands at the given time. */
    public State state(long now) {
        Phase current = phase.get();
        if (!current.open) {
            return State.CLOSED;
        }
        return expired(current, now) ? State.HALF_OPEN : State.OPEN;
    }

    private void open(long now) {
        phase.set(new Phase(true, now + settings.breakerOpenNanos(), false, 0));
    }

    private boolean trialInFlight(Phase current, long now) {
        return current.trial && now - current.trialSince < settings.breakerOpenNanos();
    }

    private static boolean expired(Phase current, long now) {
        return now - current.openUntil >= 0;
    }

    private void record(boolean failed) {
        if (outcomes == failedOutcomes.length) {
            if (failedOutcomes[next]) {
                failures--;
            }
        } else {
            outcomes++;
        }
        failedOutcomes[next] = failed;
        if (failed) {
            failures++;
        }
        next = (next + 1) % failedOutcomes.length;
    }

    private void clearWindow() {
        Arrays.fill(failedOutcomes, false);
        outcomes = 0;
        failures = 0;
        next = 0;
    }
}
