-- Push notification configurations of tasks, and the outbox of deliveries not done yet (an event of a task's
-- log, by number, to one configuration). Both go with their task.
CREATE TABLE IF NOT EXISTS agentx_push_config (
    tenant    VARCHAR(256) NOT NULL,
    task_id   VARCHAR(256) NOT NULL,
    config_id VARCHAR(256) NOT NULL,
    body      BYTEA        NOT NULL,
    PRIMARY KEY (tenant, task_id, config_id)
);
CREATE TABLE IF NOT EXISTS agentx_push_outbox (
    tenant    VARCHAR(256) NOT NULL,
    task_id   VARCHAR(256) NOT NULL,
    config_id VARCHAR(256) NOT NULL,
    seq       BIGINT       NOT NULL,
    PRIMARY KEY (tenant, task_id, config_id, seq)
);
