-- Tasks as JSON documents with the columns ListTasks filters and orders on, and each task's event log.
-- Written for both H2 and PostgreSQL: only types and syntax both accept. IF NOT EXISTS lets a script run again
-- after a crash in its middle (H2 commits each DDL statement by itself). Every index costs each write (an H2
-- commit rewrites each page it touched), so there are two: ListTasks by state filters along a tenant's
-- update-order index, and the retention sweep and restart recovery, which run rarely, scan the table.
CREATE TABLE IF NOT EXISTS agentx_task (
    tenant      VARCHAR(256) NOT NULL,
    task_id     VARCHAR(256) NOT NULL,
    context_id  VARCHAR(256) NOT NULL,
    state       VARCHAR(32)  NOT NULL,
    status_time BIGINT,
    updated_seq BIGINT       NOT NULL,
    body        BYTEA        NOT NULL,
    PRIMARY KEY (tenant, task_id)
);
CREATE INDEX IF NOT EXISTS agentx_task_by_update ON agentx_task (tenant, updated_seq DESC, task_id DESC);
CREATE INDEX IF NOT EXISTS agentx_task_by_context ON agentx_task (tenant, context_id, updated_seq DESC);
CREATE TABLE IF NOT EXISTS agentx_task_event (
    tenant  VARCHAR(256) NOT NULL,
    task_id VARCHAR(256) NOT NULL,
    seq     BIGINT       NOT NULL,
    body    BYTEA        NOT NULL,
    PRIMARY KEY (tenant, task_id, seq)
);
