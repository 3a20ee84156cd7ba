-- wrk script: replays pre-signed webhook requests, one line each ("path<TAB>body"), every thread on
-- its own slice so no message is sent twice (a repeat would take the cheaper replay path).
local file = os.getenv("PORTAL_BENCH_REQUESTS")
local threads_total = tonumber(os.getenv("PORTAL_BENCH_THREADS") or "2")
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  requests = {}
  local n, i = 0, 0
  for line in io.lines(file) do
    if i % threads_total == id then
      local tab = line:find("\t", 1, true)
      n = n + 1
      requests[n] = wrk.format("POST", line:sub(1, tab - 1), { ["Content-Type"] = "text/xml" }, line:sub(tab + 1))
    end
    i = i + 1
  end
  count, next_index = n, 0
end

function request()
  next_index = next_index + 1
  if next_index > count then
    -- The pool ran out: later requests repeat earlier messages (replays). webhook.sh warns when this happens.
    next_index = 1
    wrapped = true
  end
  return requests[next_index]
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
