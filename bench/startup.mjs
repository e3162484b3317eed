#!/usr/bin/env node
// Cold start benchmark: spawns a stdio MCP server N times, sends `initialize`, and times process spawn -> the
// initialize response on stdout. Prints one JSON line per variant: median, p90, min, max (milliseconds).
//
//   node bench/startup.mjs --runs 15 --name jar -- java -jar target/hypertracker-mcp.jar
//   node bench/startup.mjs --raw ... -- CMD          one JSON line {name, times:[...]} to merge later
//   node bench/startup.mjs --summarize A.raw B.raw   merges raw files: a table and ratios to ts-sdk-reference
//   node bench/startup.mjs --call TOOL --args JSON --call2 JSON ... -- CMD   after initialize, calls TOOL twice
//       (arguments JSON, then JSON2) and also reports spawn -> first call answer (callMs), the first and the second
//       call's own latency (firstCallMs, secondCallMs) and the resident set size after them (rssKb, Linux);
//       --pause MS waits that long after the initialize answer before the first call (callMs includes it)
//   node bench/startup.mjs --idle MS ... -- CMD   without --call: waits MS after the initialize answer, then records
//       the idle resident set size (idleRssKb) and its anonymous part (idleRssAnonKb, Linux) before closing stdin
//   node bench/startup.mjs --idle MS --list ... -- CMD   the same, but the client first lists the tools (as every
//       client does) and the MS count from the tools/list answer
//
// Every run also checks that each stdout line is JSON (stdout is protocol-only) and the process exits after EOF.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import { readFileSync } from 'node:fs';

// CPU time (user+system, all threads) the process has used so far, from /proc (Linux; ticks of 10 ms): less
// sensitive to other load on the machine than wall time.
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return NaN; }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const r1 = (x) => Math.round(x * 10) / 10;
const median = (xs) => { const v = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b); return v.length ? r1(pct(v, 50)) : undefined; };
function stats(name, times, cpus = [], calls = {}) {
  const t = [...times].sort((a, b) => a - b);
  const c = cpus.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const extra = {};
  for (const [k, xs] of Object.entries(calls)) if (median(xs) !== undefined) extra[`${k}Median`] = median(xs);
  return { name, runs: t.length, medianMs: r1(pct(t, 50)), p90Ms: r1(pct(t, 90)), minMs: r1(t[0]), maxMs: r1(t[t.length - 1]),
    ...(c.length ? { cpuMedianMs: pct(c, 50), cpuP90Ms: pct(c, 90) } : {}), ...extra };
}
const CALL_KEYS = ['callMs', 'firstCallMs', 'secondCallMs', 'rssKb', 'idleRssKb', 'idleRssAnonKb'];
function rssKb(pid, field = 'VmRSS') {
  try { return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return NaN; }
}

const argv = process.argv.slice(2);
if (argv[0] === '--summarize') {
  const merged = new Map();
  for (const file of argv.slice(1)) {
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { name, times, cpus = [], calls = {} } = JSON.parse(line);
      const m = merged.get(name) ?? { times: [], cpus: [], calls: {} };
      for (const k of CALL_KEYS) if (calls[k]) m.calls[k] = [...(m.calls[k] ?? []), ...calls[k]];
      merged.set(name, { times: [...m.times, ...times], cpus: [...m.cpus, ...cpus], calls: m.calls });
    }
  }
  const rows = [...merged].map(([name, m]) => stats(name, m.times, m.cpus, m.calls));
  const ref = rows.find((x) => x.name === 'ts-sdk-reference');
  const callRef = rows.find((x) => x.name === 'ts-sdk-reference+call');
  for (const row of rows) {
    if (ref) row.ratioToTsMedian = Math.round((row.medianMs / ref.medianMs) * 100) / 100;
    if (callRef && row.callMsMedian) row.callRatioToTs = Math.round((row.callMsMedian / callRef.callMsMedian) * 100) / 100;
    if (ref?.cpuMedianMs) row.cpuRatioToTs = Math.round((row.cpuMedianMs / ref.cpuMedianMs) * 100) / 100;
    console.log(JSON.stringify(row));
  }
  process.exit(0);
}
const sep = argv.indexOf('--');
if (sep < 0) throw new Error('usage: startup.mjs [--runs N] [--name NAME] -- COMMAND ARGS...');
const opts = { runs: 15, name: 'server', warmup: 1, raw: false, pause: 0, idle: 0 };
for (let i = 0; i < sep; i += 2) {
  const [flag, value] = [argv[i], argv[i + 1]];
  if (flag === '--raw') { opts.raw = true; i--; }
  else if (flag === '--list') { opts.list = true; i--; }
  else if (flag === '--runs') opts.runs = Number(value);
  else if (flag === '--name') opts.name = value;
  else if (flag === '--warmup') opts.warmup = Number(value);
  else if (flag === '--call') opts.call = value;
  else if (flag === '--pause') opts.pause = Number(value);
  else if (flag === '--idle') opts.idle = Number(value);
  else if (flag === '--args') opts.args = JSON.parse(value);
  else if (flag === '--args2') opts.args2 = JSON.parse(value);
  else throw new Error(`unknown argument ${flag}`);
}
const [cmd, ...args] = argv.slice(sep + 1);

const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {
  protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } }) + '\n';

function once() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let buf = '';
    let elapsed = null;
    let cpu = NaN;
    let sent = 0;
    const calls = {};
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${opts.name}: no initialize response in 60 s`)); }, 60_000);
    child.on('error', reject);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        let msg;
        try { msg = JSON.parse(line); } catch { child.kill('SIGKILL'); reject(new Error(`${opts.name}: non-JSON on stdout: ${line}`)); return; }
        if (msg.id === 1 && elapsed === null) {
          if (!msg.result) { child.kill('SIGKILL'); reject(new Error(`${opts.name}: initialize failed: ${line}`)); return; }
          elapsed = performance.now() - t0;
          cpu = cpuMs(child.pid);
          if (!opts.call && opts.idle > 0 && opts.list) { // --list: a client that lists the tools, then waits
            child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
            child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list' }) + '\n');
            continue;
          }
          if (!opts.call && opts.idle > 0) { // --idle: the footprint of a started server waiting for its client
            setTimeout(() => {
              calls.idleRssKb = rssKb(child.pid); calls.idleRssAnonKb = rssKb(child.pid, 'RssAnon');
              child.stdin.end();
            }, opts.idle);
            continue;
          }
          if (!opts.call) { child.stdin.end(); continue; } // EOF: the server is expected to exit on its own
          child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
          setTimeout(() => { // --pause: a client's think time (lists, the user's question) before its first call
            sent = performance.now();
            child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: opts.call, arguments: opts.args ?? {} } }) + '\n');
          }, opts.pause);
        } else if (msg.id === 4) { // --list: idle from the tools/list answer on
          setTimeout(() => {
            calls.idleRssKb = rssKb(child.pid); calls.idleRssAnonKb = rssKb(child.pid, 'RssAnon');
            child.stdin.end();
          }, opts.idle);
        } else if (msg.id === 2 || msg.id === 3) {
          if (!msg.result || msg.result.isError) { child.kill('SIGKILL'); reject(new Error(`${opts.name}: call failed: ${line.slice(0, 300)}`)); return; }
          const now = performance.now();
          if (msg.id === 2) {
            calls.callMs = now - t0; calls.firstCallMs = now - sent; sent = now;
            child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: opts.call, arguments: opts.args2 ?? opts.args ?? {} } }) + '\n');
          } else {
            calls.secondCallMs = now - sent; calls.rssKb = rssKb(child.pid);
            child.stdin.end();
          }
        }
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (elapsed === null) reject(new Error(`${opts.name}: exited before answering initialize`));
      else if (opts.call && calls.secondCallMs === undefined) reject(new Error(`${opts.name}: exited before answering the calls`));
      else resolve({ elapsed, cpu, calls });
    });
    child.stdin.write(INIT);
  });
}

for (let i = 0; i < opts.warmup; i++) await once(); // page cache, not the JVM: every run is a new process
const times = [], cpus = [], callSeries = {};
for (let i = 0; i < opts.runs; i++) {
  const { elapsed, cpu, calls } = await once();
  times.push(elapsed); cpus.push(cpu);
  for (const [k, v] of Object.entries(calls)) (callSeries[k] ??= []).push(v);
}
console.log(JSON.stringify(opts.raw ? { name: opts.name, times, cpus, calls: callSeries } : stats(opts.name, times, cpus, callSeries)));
