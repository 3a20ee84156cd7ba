-- wrk script: replays pre-signed webhook requests that Portal.Bench wrote as whole HTTP requests, each ended by a NUL,
-- in one file per wrk thread, so that no message is sent twice (a repeat would take the cheaper replay path).
-- Loading is one read and a split: wrk runs each thread's init on its main thread while the threads started before it
-- are already sending, so a slow init would take a core from the server during the first seconds of the run.
local prefix = os.getenv("PORTAL_BENCH_REQUESTS")
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local file = assert(io.open(prefix .. "." .. id, "rb"))
  requests = {}
  local n, rest = 0, ""
  while true do
    -- A megabyte at a time: reading the whole file at once doubled the memory that had to be faulted in.
    local chunk = file:read(1048576)
    if chunk == nil then break end
    local data, at = rest .. chunk, 1
    while true do
      local stop = data:find("\0", at, true)
      if stop == nil then break end
      n = n + 1
      requests[n] = data:sub(at, stop - 1)
      at = stop + 1
    end
    rest = data:sub(at)
  end
  file:close()
  count, next_index = n, 0
  collectgarbage() -- the chunks are freed now, not in steps during the run
end

function request()
  next_index = next_index + 1
  if next_index > count then
    -- The pool ran out: later requests repeat earlier messages (replays). webhook.sh warns when this happens.
    next_index = 1
  end
  return requests[next_index]
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
