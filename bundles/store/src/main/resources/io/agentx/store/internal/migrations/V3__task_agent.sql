-- The agent last working on each task: after a restart, tasks in flight go back to agents that resume tasks.
ALTER TABLE agentx_task ADD COLUMN IF NOT EXISTS agent_id VARCHAR(256);
