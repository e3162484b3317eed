#!/usr/bin/env node
// Shared-state benchmark client (issue 17): plain JSON-RPC POSTs to stateless instances (no sessions), spread
// round-robin over the given URLs by C concurrent workers, each calling one cached tool for a bounded time; then the
// added latency of the shared (Redis) cache: calls answered from another instance's entry in Redis (first call of a
// key on B) against the same calls answered from B's own in-process cache (the repeat).
//
//   node bench/shared.mjs --urls http://127.0.0.1:P1/mcp[,http://127.0.0.1:P2/mcp] [--concurrency 16]
//        [--duration-s 10] [--token T] [--latency-keys 14]
//
// Loopback targets only. Prints one JSON report.
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const COINS = ['BTC', 'ETH', 'SOL', 'HYPE', 'XRP', 'DOGE', 'BNB', 'AVAX', 'LINK', 'SUI', 'ADA', 'TRX', 'LTC', 'DOT'];

const opts = { concurrency: 16, durationS: 10, latencyKeys: COINS.length };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const [flag, value] = [argv[i], argv[i + 1]];
  switch (flag) {
    case '--urls': opts.urls = value.split(',').map((u) => new URL(u)); break;
    case '--concurrency': opts.concurrency = Number(value); break;
    case '--duration-s': opts.durationS = Number(value); break;
    case '--token': opts.token = value; break;
    case '--latency-keys': opts.latencyKeys = Math.min(COINS.length, Number(value)); break;
    default: throw new Error(`unknown argument ${flag}`);
  }
}
if (!opts.urls) throw new Error('--urls is required');
for (const u of opts.urls) if (!LOOPBACK.has(u.hostname)) throw new Error(`not a loopback URL: ${u}`);

let id = 0;
async function call(url, name, args) {
  const started = process.hrtime.bigint();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args } }),
  });
  const body = await res.json();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const r = body.result;
  if (res.status !== 200 || !r || r.isError) throw new Error(`call failed: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return { ms, cached: r.structuredContent && r.structuredContent.cached === true };
}

const pct = (xs, p) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2);
};

// Throughput of cached calls (every instance warmed first, so every measured call is a cache hit).
const tool = 'get_open_exposure_by_coin';
for (const u of opts.urls) await call(u, tool, {});
let calls = 0, errors = 0, next = 0;
const latencies = [];
const end = Date.now() + opts.durationS * 1000;
await Promise.all(Array.from({ length: opts.concurrency }, async () => {
  while (Date.now() < end) {
    const url = opts.urls[next++ % opts.urls.length];
    try { latencies.push((await call(url, tool, {})).ms); calls++; } catch { errors++; }
  }
}));
const report = {
  instances: opts.urls.length, concurrency: opts.concurrency, tool, calls, errors,
  throughputPerS: +(calls / opts.durationS).toFixed(1),
  latencyMs: { p50: pct(latencies, 0.5), p90: pct(latencies, 0.9), p99: pct(latencies, 0.99) },
};

// Added latency of the shared cache: needs two instances. Key k is fetched on A (upstream, into Redis); B's first call
// of k is served from Redis (then kept in B's own cache), B's second call from its own cache.
if (opts.urls.length >= 2 && opts.latencyKeys > 0) {
  const [a, b] = opts.urls;
  const shared = [], local = [];
  for (const coin of COINS.slice(0, opts.latencyKeys)) {
    await call(a, 'list_positions', { coin });
    const fromRedis = await call(b, 'list_positions', { coin });
    const fromOwn = await call(b, 'list_positions', { coin });
    if (!fromRedis.cached || !fromOwn.cached) throw new Error(`expected cached answers on B for ${coin}`);
    shared.push(fromRedis.ms); local.push(fromOwn.ms);
  }
  report.sharedCache = {
    keys: shared.length,
    fromRedisMs: { p50: pct(shared, 0.5), max: pct(shared, 1) },
    fromOwnCacheMs: { p50: pct(local, 0.5), max: pct(local, 1) },
    addedMsP50: +(pct(shared, 0.5) - pct(local, 0.5)).toFixed(2),
  };
}
console.log(JSON.stringify(report));
