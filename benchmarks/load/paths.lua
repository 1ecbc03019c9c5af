-- wrk script: cycles through the request paths in the file named by the first argument
-- (one path per line). With "statuses" as the second argument it also counts answers by
-- HTTP status and prints the counts at the end (slower: every response is inspected).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  counting = args[2] == "statuses"
  statuses = {}
  index = math.random(#paths)
  if counting then
    response = function(status, headers, body)
      statuses[status] = (statuses[status] or 0) + 1
    end
  end
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local totals = {}
  local any = false
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    if counts then
      for status, n in pairs(counts) do
        totals[status] = (totals[status] or 0) + n
        any = true
      end
    end
  end
  if any then
    local line = "answers by status:"
    for status, n in pairs(totals) do line = line .. string.format(" %d=%d", status, n) end
    io.write(line .. "\n")
  end
  io.write(string.format("summary: requests=%d duration_s=%.1f rps=%.0f bytes_per_response=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non_2xx_3xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), summary.bytes / math.max(1, summary.requests),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
