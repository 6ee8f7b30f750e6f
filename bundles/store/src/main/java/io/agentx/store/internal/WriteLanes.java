package io.agentx.store.internal;

/**
 * Several {@link GroupCommit} writers side by side, each task's writes always on the same one (by its key), so
 * that a task's changes stay ordered while different tasks commit in parallel on databases that allow it.
 */
final class WriteLanes implements AutoCloseable {
    private final GroupCommit[] lanes;

    WriteLanes(Database database, int lanes, int maxBatch, long timeoutMillis) {
        this.lanes = new GroupCommit[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new GroupCommit(database, maxBatch, timeoutMillis, "agentx-store-writer-" + (i + 1));
        }
    }

    /** Queues a write on its task's lane and returns once it is committed. */
    void write(Write write) {
        lanes[Math.floorMod(write.key().hashCode(), lanes.length)].write(write);
    }

    @Override
    public void close() {
        for (GroupCommit lane : lanes) {
            lane.close();
        }
    }
}
