#!/usr/bin/env node
// Load benchmark for the Streamable HTTP transport: N concurrent MCP sessions (official TypeScript SDK client)
// call one tool (or several in turn) in a loop for a bounded time or call count, then one JSON report is printed:
// throughput, latency percentiles (overall and per tool), errors and, given the server's PID, its peak resident memory.
//
//   node bench/load-http.mjs --url http://127.0.0.1:8080/mcp [--sessions 64] [--duration-s 20 | --calls 20000]
//        [--tool echo | --tool a,b,c] [--arguments '{"text":"hello"}'] [--token T] [--pid SERVER_PID]
//
// With several tools, each session calls them in turn (starting at a different one), all with the same arguments.
//
// The SDK is the one installed in e2e/clients (run `npm ci` there first). Only loopback targets are accepted.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const sdk = createRequire(new URL('../e2e/clients/package.json', import.meta.url));
const { Client } = await import(sdk.resolve('@modelcontextprotocol/sdk/client/index.js'));
const { StreamableHTTPClientTransport } = await import(sdk.resolve('@modelcontextprotocol/sdk/client/streamableHttp.js'));

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const RSS_SAMPLE_MS = 200;

function parseArgs(argv) {
  const options = { sessions: 64, durationS: 20, calls: Infinity, tool: 'echo', arguments: { text: 'hello' } };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--url': options.url = new URL(value); break;
      case '--sessions': options.sessions = Number(value); break;
      case '--duration-s': options.durationS = Number(value); break;
      case '--calls': options.calls = Number(value); options.durationS = Infinity; break;
      case '--tool': options.tool = value; break;
      case '--arguments': options.arguments = JSON.parse(value); break;
      case '--token': options.token = value; break;
      case '--pid': options.pid = Number(value); break;
      default: throw new Error(`unknown argument ${flag}`);
    }
  }
  if (!options.url) throw new Error('--url is required');
  options.tools = options.tool.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  if (!LOOPBACK_HOSTS.has(options.url.hostname) && !options.url.hostname.startsWith('127.')) {
    throw new Error(`only loopback targets are benchmarked, not ${options.url.hostname}`);
  }
  if (!Number.isFinite(options.durationS) && !Number.isFinite(options.calls)) throw new Error('bound the run');
  return options;
}

/** Resident memory of a process in MiB: current (VmRSS) and the kernel's high-water mark (VmHWM). */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))[1]);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
}

/** CPU seconds a process has used (utime + stime of /proc/PID/stat, in clock ticks of 1/100 s on Linux). */
function cpuSecondsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (x) => (x === null ? null : Math.round(x * 100) / 100);

async function connect(options) {
  const requestInit = options.token ? { headers: { Authorization: `Bearer ${options.token}` } } : undefined;
  const client = new Client({ name: 'load-http', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(options.url, { requestInit }));
  return client;
}

/** Ends the session on the server too (DELETE), as a well-behaved client does, then closes the client. */
async function closeSession(client) {
  await client.transport.terminateSession().catch(() => {});
  await client.close().catch(() => {});
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const memoryBefore = options.pid ? memoryOf(options.pid) : null;
  let peakSampledRss = memoryBefore?.rssMiB ?? 0;
  const sampler = options.pid
    ? setInterval(() => { peakSampledRss = Math.max(peakSampledRss, memoryOf(options.pid).rssMiB); }, RSS_SAMPLE_MS)
    : null;

  const connectStarted = performance.now();
  const clients = await Promise.all(Array.from({ length: options.sessions }, () => connect(options)));
  const connectMs = performance.now() - connectStarted;

  const latencies = [];
  const latenciesByTool = new Map(options.tools.map((t) => [t, []]));
  const errorSamples = new Map();
  let errors = 0;
  let issued = 0;
  const serverCpuBefore = options.pid ? cpuSecondsOf(options.pid) : null;
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.durationS * 1000;
  await Promise.all(clients.map(async (client, sessionIndex) => {
    let turn = sessionIndex;
    while (performance.now() < deadline && issued < options.calls) {
      issued++;
      const tool = options.tools[turn++ % options.tools.length];
      const callStarted = performance.now();
      try {
        const result = await client.callTool({ name: tool, arguments: options.arguments });
        if (result.isError) throw new Error(`isError: ${JSON.stringify(result.content).slice(0, 200)}`);
        const latency = performance.now() - callStarted;
        latencies.push(latency);
        latenciesByTool.get(tool).push(latency);
      } catch (e) {
        errors++;
        errorSamples.set(e.message, (errorSamples.get(e.message) ?? 0) + 1);
      }
    }
  }));
  const elapsedS = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const clientCpuS = (clientCpu.user + clientCpu.system) / 1e6;
  const serverCpuS = options.pid ? cpuSecondsOf(options.pid) - serverCpuBefore : null;
  const calls = latencies.length + errors;
  await Promise.all(clients.map((client) => closeSession(client)));
  if (sampler) clearInterval(sampler);

  latencies.sort((a, b) => a - b);
  const byTool = Object.fromEntries([...latenciesByTool].map(([tool, values]) => {
    values.sort((a, b) => a - b);
    return [tool, { ok: values.length, p50: round(percentile(values, 50)), p99: round(percentile(values, 99)) }];
  }));
  const memoryAfter = options.pid ? memoryOf(options.pid) : null;
  console.log(JSON.stringify({
    url: options.url.toString(),
    sessions: options.sessions,
    tool: options.tool,
    elapsedS: round(elapsedS),
    connectAllMs: round(connectMs),
    calls: latencies.length + errors,
    ok: latencies.length,
    errors,
    errorSamples: Object.fromEntries([...errorSamples].slice(0, 5)),
    throughputPerS: round(latencies.length / elapsedS),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? null),
    },
    byTool: options.tools.length > 1 ? byTool : undefined,
    // CPU per call does not depend on what else runs on the machine, unlike throughput and latency
    client: { cpuS: round(clientCpuS), cpuMsPerCall: calls ? round((clientCpuS * 1000) / calls) : null },
    server: options.pid ? {
      pid: options.pid,
      cpuS: round(serverCpuS),
      cpuMsPerCall: calls ? round((serverCpuS * 1000) / calls) : null,
      rssBeforeMiB: round(memoryBefore.rssMiB),
      peakRssDuringRunMiB: round(Math.max(peakSampledRss, memoryAfter.rssMiB)),
      peakRssSinceStartMiB: round(memoryAfter.hwmMiB),
    } : null,
  }));
  return errors === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e.message }));
  process.exitCode = 2;
}
