-- ListTasks of one agent (/agents/{id}) in update order: its page and its count are a range of this index
-- instead of a scan of every task of the tenant. Costs each write one more index entry (docs/benchmarks.md).
CREATE INDEX IF NOT EXISTS agentx_task_by_agent ON agentx_task (tenant, agent_id, updated_seq DESC, task_id DESC);
