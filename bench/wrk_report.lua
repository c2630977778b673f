-- wrk's summary as one JSON line (wrk itself prints no 95th percentile).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "socket_errors": %d, "non_2xx": %d, '
      .. '"bytes": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    summary.bytes, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
end
