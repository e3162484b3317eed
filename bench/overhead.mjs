#!/usr/bin/env node
// Per-call overhead and memory of the stdio server, against the sandbox, all on loopback.
//
//   node bench/overhead.mjs [--calls 2000] [--memory-calls 10000] [--tool get_data_freshness]
//                           [--server "bin/hypertracker-mcp"]
//
// 1. Starts the sandbox (`java -jar target/hypertracker-mcp.jar sandbox --port 0`, which prints its base URL) and the
//    MCP server over stdio with the launcher's flags, pointed at it (HYPERTRACKER_BASE_URL/_API_TOKEN).
// 2. Overhead: for each of --calls rounds, in this order: the bare HTTP GET of the tool's upstream request (node
//    http, keep-alive, as the server's client), the tool call with fresh=true (one upstream GET each: the MCP layer
//    plus the HTTP client plus the digest), and the same tool call from the warm cache (no upstream request).
//    Reports p50/p99 of the paired differences (tool call - bare GET), after a warm-up of the JIT.
// 3. Memory: VmRSS/VmHWM of the server's JVM from /proc, idle after initialize and after --memory-calls tool calls
//    (a mix of tools, warm cache).
// Prints one JSON report on stdout.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const opts = { calls: 2000, memoryCalls: 10000, warmup: 1000, tool: 'get_data_freshness',
  upstream: '/api/external/hypertracker/state/status', server: 'bin/hypertracker-mcp' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const [flag, value] = [argv[i], argv[i + 1]];
  switch (flag) {
    case '--calls': opts.calls = Number(value); break;
    case '--memory-calls': opts.memoryCalls = Number(value); break;
    case '--warmup': opts.warmup = Number(value); break;
    case '--tool': opts.tool = value; break;
    case '--upstream': opts.upstream = value; break;
    case '--server': opts.server = value; break;
    default: throw new Error(`unknown argument ${flag}`);
  }
}
const TOKEN = 'sandbox-token';
const MEMORY_TOOLS = [
  ['get_data_freshness', {}], ['list_cohorts', {}], ['get_open_exposure_by_coin', {}],
  ['get_positions_heatmap', {}], ['get_liquidation_risk_by_asset', { segmentId: 7 }],
];

function startSandbox() {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-XX:+UseSerialGC', '-jar', 'target/hypertracker-mcp.jar', 'sandbox', '--port', '0',
      '--token', TOKEN], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    child.on('error', reject);
    let buf = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        const url = new URL(buf.slice(0, nl).trim());
        if (!url.hostname.startsWith('127.')) reject(new Error(`sandbox is not on loopback: ${url}`));
        resolve({ child, url });
      }
    });
  });
}

class StdioClient {
  constructor(cmd, args, env) {
    this.child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'ignore'] });
    this.pending = new Map();
    this.nextId = 1;
    let buf = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.trim()) continue;
        const msg = JSON.parse(line); // stdout is protocol-only: anything else throws here
        const p = this.pending.get(msg.id);
        if (p && !msg.method) { this.pending.delete(msg.id); p(msg); }
      }
    });
  }
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    });
  }
  notify(method) { this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method }) + '\n'); }
  async call(name, args) {
    const r = await this.request('tools/call', { name, arguments: args });
    if (r.error || r.result?.isError) throw new Error(`${name} failed: ${JSON.stringify(r.error ?? r.result.content)}`);
    return r.result;
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function bareGet(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))[1]);
  return { vmRssMb: Math.round(kb('VmRSS') / 102.4) / 10, vmHwmMb: Math.round(kb('VmHWM') / 102.4) / 10 };
}

const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] * 1000) / 1000;
};
const summary = (values) => ({ p50: pct(values, 50), p90: pct(values, 90), p99: pct(values, 99) });

const sandbox = await startSandbox();
const [cmd, ...args] = opts.server.split(' ');
const client = new StdioClient(cmd, [...args, '--rate-limit', '1000000'],
  { HYPERTRACKER_BASE_URL: sandbox.url.origin, HYPERTRACKER_API_TOKEN: TOKEN, HYPERTRACKER_LOG_LEVEL: 'WARN' });
try {
  const init = await client.request('initialize', { protocolVersion: '2025-06-18', capabilities: {},
    clientInfo: { name: 'bench-overhead', version: '1' } });
  if (!init.result) throw new Error(`initialize failed: ${JSON.stringify(init)}`);
  client.notify('notifications/initialized');
  await sleep(3000);
  const idle = memory(client.child.pid);

  const upstream = new URL(opts.upstream, sandbox.url);
  for (let i = 0; i < opts.warmup; i++) {
    await bareGet(upstream);
    await client.call(opts.tool, { fresh: true });
    await client.call(opts.tool, {});
  }
  const bare = [], fresh = [], cached = [], freshMinusBare = [], cachedMinusBare = [];
  for (let i = 0; i < opts.calls; i++) {
    let t = performance.now();
    await bareGet(upstream);
    const b = performance.now() - t;
    t = performance.now();
    await client.call(opts.tool, { fresh: true });
    const f = performance.now() - t;
    t = performance.now();
    await client.call(opts.tool, {});
    const c = performance.now() - t;
    bare.push(b); fresh.push(f); cached.push(c);
    freshMinusBare.push(f - b); cachedMinusBare.push(c - b);
  }
  const afterOverhead = memory(client.child.pid);

  const before = performance.now();
  for (let i = 0; i < opts.memoryCalls; i++) {
    const [name, a] = MEMORY_TOOLS[i % MEMORY_TOOLS.length];
    await client.call(name, a);
  }
  const memorySeconds = (performance.now() - before) / 1000;
  const after = memory(client.child.pid);

  console.log(JSON.stringify({
    tool: opts.tool, upstream: opts.upstream, calls: opts.calls, warmup: opts.warmup, unit: 'ms',
    bareHttpGet: summary(bare), toolCallFresh: summary(fresh), toolCallWarmCache: summary(cached),
    overheadFreshMinusBare: summary(freshMinusBare), overheadCachedMinusBare: summary(cachedMinusBare),
    memory: { idle, afterOverheadRuns: afterOverhead, afterMemoryCalls: after, memoryCalls: opts.memoryCalls,
      memoryTools: MEMORY_TOOLS.map(([n]) => n), memoryCallsSeconds: Math.round(memorySeconds * 10) / 10 },
  }, null, 2));
} finally {
  client.child.stdin.end();
  sandbox.child.kill('SIGTERM');
  agent.destroy();
  setTimeout(() => { client.child.kill('SIGKILL'); process.exit(0); }, 5000).unref();
}
