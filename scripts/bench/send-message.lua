-- wrk script: JSON-RPC SendMessage (A2A 1.0) with a unique messageId per request.
-- Usage: wrk -t2 -c16 -d10s -s scripts/bench/send-message.lua http://127.0.0.1:8080/agents/echo
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["A2A-Version"] = "1.0"
-- AgentX needs credentials: a bearer token when AGENTX_BEARER_TOKEN is set, else the API key it was started
-- with (AGENTX_API_KEY)
local bearer = os.getenv("AGENTX_BEARER_TOKEN")
if bearer and bearer ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. bearer
else
  wrk.headers["X-API-Key"] = os.getenv("AGENTX_API_KEY") or ""
end

local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  counter = 0
end

function request()
  counter = counter + 1
  local body = '{"jsonrpc":"2.0","id":' .. counter .. ',"method":"SendMessage","params":{"message":{"messageId":"m-'
    .. tid .. '-' .. counter .. '","role":"ROLE_USER","parts":[{"text":"hello benchmark"}]}}}'
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d rps=%.0f p50=%.2fms p99=%.2fms non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status or 0,
    (summary.errors.connect or 0) + (summary.errors.read or 0) + (summary.errors.write or 0) + (summary.errors.timeout or 0)))
end
