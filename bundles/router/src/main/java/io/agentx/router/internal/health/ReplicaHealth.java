package io.agentx.router.internal.health;

import java.util.concurrent.TimeUnit;

/**
 * Everything that decides whether a replica may receive requests: its active checks, passive ejection and circuit
 * breaker, and how much of its share it gets while it eases back in.
 */
public final class ReplicaHealth {

    /** A replica's health for the operations listing; state: up, down, ejected, circuit-open, half-open, unknown. */
    public record Status(String state, String lastProbeError, long ejectedForMillis, int ejections, String breaker) {
    }

    private enum Probe {
        UNKNOWN, DOWN, UP
    }

    private final boolean probed;
    private final Ejection ejection;
    private final CircuitBreaker breaker;
    private volatile HealthSettings settings;
    private volatile Probe probe;
    private volatile String lastProbeError;
    private volatile boolean rampingUp;
    /** Up, not ejected, breaker closed, full share: the common case, answered from this one field. */
    private volatile boolean clear;
    private volatile long upSince;
    private boolean everUp;
    private int probeFailures;
    private int probeSuccesses;

    /**
     * @param settings its tunables
     * @param probed whether active checks decide if it is up; if so it waits for its first successful probe
     */
    public ReplicaHealth(HealthSettings settings, boolean probed) {
        this.settings = settings;
        this.probed = probed;
        this.probe = probed ? Probe.UNKNOWN : Probe.UP;
        this.ejection = new Ejection(settings);
        this.breaker = new CircuitBreaker(settings);
        this.clear = !probed;
    }

    /** Uses new tunables from {@code now} on, keeping the current state. */
    public void reconfigure(HealthSettings newSettings, long now) {
        settings = newSettings;
        ejection.reconfigure(newSettings);
        breaker.reconfigure(newSettings);
        refresh(now);
    }

    /** The tunables in use. */
    public HealthSettings settings() {
        return settings;
    }

    /** Whether a request could be sent now: up, not ejected, breaker not open; claims nothing. */
    public boolean allowsRequest(long now) {
        if (clear) {
            return true;
        }
        boolean allowed = probe == Probe.UP && !ejection.ejected(now) && breaker.allows(now);
        if (allowed) {
            refresh(now); // an ejection, open breaker or slow start may just have run out
        }
        return allowed;
    }

    /** Claims the right to send a request now, taking the half-open breaker's single trial permit when needed. */
    public boolean tryAcquire(long now) {
        return clear || probe == Probe.UP && !ejection.ejected(now) && breaker.tryAcquire(now);
    }

    /** Records a request that went well. */
    public void succeeded(long now) {
        ejection.onSuccess(now);
        breaker.onSuccess(now);
        if (!clear) {
            refresh(now);
        }
    }

    /** Records a request that failed. */
    public void failed(long now) {
        ejection.onFailure(now);
        breaker.onFailure(now);
        refresh(now);
    }

    /** Records a successful active check: the first marks it up at once, later ones after the healthy threshold. */
    public synchronized void probeSucceeded(long now) {
        if (!probed) {
            return;
        }
        probeFailures = 0;
        if (probe == Probe.UP) {
            return;
        }
        probeSuccesses++;
        if (!everUp) {
            everUp = true;
            markUp(now, false);
        } else if (probeSuccesses >= settings.healthyThreshold()) {
            markUp(now, true);
        }
    }

    /** Records a failed active check: an up replica goes down after the unhealthy threshold. */
    public synchronized void probeFailed(long now, String reason) {
        if (!probed) {
            return;
        }
        lastProbeError = reason;
        probeSuccesses = 0;
        if (probe == Probe.UP) {
            probeFailures++;
            if (probeFailures >= settings.unhealthyThreshold()) {
                probeFailures = 0;
                probe = Probe.DOWN;
            }
        } else {
            probe = Probe.DOWN;
        }
        refresh(now);
    }

    /** Its share now: below 1.0 while it eases back in after an ejection or after coming up again. */
    public double slowStartFactor(long now) {
        return clear ? 1.0 : rampFactor(now);
    }

    private double rampFactor(long now) {
        double afterEjection = ejection.slowStartFactor(now);
        if (!rampingUp) {
            return afterEjection;
        }
        return Math.min(afterEjection, SlowStart.factor(now - upSince, settings.slowStartNanos()));
    }

    /** Its health as the operations listing shows it. */
    public Status status(long now) {
        CircuitBreaker.State breakerState = breaker.state(now);
        boolean ejected = ejection.ejected(now);
        long ejectedFor = ejected ? TimeUnit.NANOSECONDS.toMillis(ejection.ejectedUntil() - now) : 0;
        return new Status(state(breakerState, ejected), lastProbeError, ejectedFor, ejection.ejections(),
                breakerState.label());
    }

    private String state(CircuitBreaker.State breakerState, boolean ejected) {
        Probe current = probe;
        if (current == Probe.UNKNOWN) {
            return "unknown";
        }
        if (current == Probe.DOWN) {
            return "down";
        }
        if (ejected) {
            return "ejected";
        }
        return switch (breakerState) {
            case OPEN -> "circuit-open";
            case HALF_OPEN -> "half-open";
            case CLOSED -> "up";
        };
    }

    private void markUp(long now, boolean rampUp) {
        probeSuccesses = 0;
        lastProbeError = null;
        upSince = now;
        rampingUp = rampUp;
        probe = Probe.UP;
        refresh(now);
    }

    /** Recomputes {@link #clear} after a change; every change of state is followed by this. */
    private synchronized void refresh(long now) {
        clear = probe == Probe.UP && !ejection.ejected(now) && breaker.state(now) == CircuitBreaker.State.CLOSED
                && rampFactor(now) >= 1.0;
    }
}
