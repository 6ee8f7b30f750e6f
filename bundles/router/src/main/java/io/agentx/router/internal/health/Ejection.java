package io.agentx.router.internal.health;

/**
 * Passive outlier ejection: a replica whose requests keep failing is taken out for a while, longer each time it is
 * ejected again, and eases back in with a slow start.
 */
public final class Ejection {
    private volatile HealthSettings settings;
    private volatile int consecutiveFailures;
    private volatile int repeatedEjections;
    private volatile int ejections;
    private volatile long ejectedUntil;

    /** A replica that has never been ejected. */
    public Ejection(HealthSettings settings) {
        this.settings = settings;
    }

    /** Uses new tunables from now on; a current ejection keeps its end. */
    public void reconfigure(HealthSettings newSettings) {
        settings = newSettings;
    }

    /** Whether the replica is ejected at the given time. */
    public boolean ejected(long now) {
        return ejections > 0 && now - ejectedUntil < 0;
    }

    /** Records a request that went well: the failure streak ends, and after recovery the doubling starts over. */
    public void onSuccess(long now) {
        if (consecutiveFailures == 0 && repeatedEjections == 0) {
            return;
        }
        synchronized (this) {
            consecutiveFailures = 0;
            if (!ejected(now)) {
                repeatedEjections = 0;
            }
        }
    }

    /** Records a request that failed; enough in a row eject the replica. Failures while ejected do not count. */
    public synchronized void onFailure(long now) {
        if (ejected(now)) {
            return;
        }
        HealthSettings current = settings;
        consecutiveFailures++;
        if (consecutiveFailures >= current.ejectAfterFailures()) {
            consecutiveFailures = 0;
            repeatedEjections++;
            ejectedUntil = now + duration(current, repeatedEjections);
            ejections++;
        }
    }

    /** When the last ejection ends (or ended); meaningless before the first one. */
    public long ejectedUntil() {
        return ejectedUntil;
    }

    /** How many times the replica has been ejected. */
    public int ejections() {
        return ejections;
    }

    /** The replica's share: 1.0 normally, ramping from 0.1 to 1.0 over the slow start after an ejection ended. */
    public double slowStartFactor(long now) {
        if (ejections == 0) {
            return 1.0;
        }
        return SlowStart.factor(now - ejectedUntil, settings.slowStartNanos());
    }

    private static long duration(HealthSettings settings, int repeated) {
        int shift = Math.min(repeated - 1, 62);
        long max = settings.maxEjectionNanos();
        long base = settings.ejectionNanos();
        return base > (max >> shift) ? max : Math.min(max, base << shift);
    }
}
