#!/usr/bin/env node
// Cold start benchmark: spawns a stdio MCP server N times, sends `initialize`, and times process spawn -> the
// initialize response on stdout. Prints one JSON line per variant: median, p90, min, max (milliseconds).
//
//   node bench/startup.mjs --runs 15 --name jar -- java -jar target/hypertracker-mcp.jar
//   node bench/startup.mjs --raw ... -- CMD          one JSON line {name, times:[...]} to merge later
//   node bench/startup.mjs --summarize A.raw B.raw   merges raw files: a table and ratios to ts-sdk-reference
//
// Every run also checks that each stdout line is JSON (stdout is protocol-only) and the process exits after EOF.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import { readFileSync } from 'node:fs';

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const r1 = (x) => Math.round(x * 10) / 10;
function stats(name, times) {
  const t = [...times].sort((a, b) => a - b);
  return { name, runs: t.length, medianMs: r1(pct(t, 50)), p90Ms: r1(pct(t, 90)), minMs: r1(t[0]), maxMs: r1(t[t.length - 1]) };
}

const argv = process.argv.slice(2);
if (argv[0] === '--summarize') {
  const merged = new Map();
  for (const file of argv.slice(1)) {
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { name, times } = JSON.parse(line);
      merged.set(name, [...(merged.get(name) ?? []), ...times]);
    }
  }
  const rows = [...merged].map(([name, times]) => stats(name, times));
  const ref = rows.find((x) => x.name === 'ts-sdk-reference');
  for (const row of rows) {
    if (ref) row.ratioToTsMedian = Math.round((row.medianMs / ref.medianMs) * 100) / 100;
    console.log(JSON.stringify(row));
  }
  process.exit(0);
}
const sep = argv.indexOf('--');
if (sep < 0) throw new Error('usage: startup.mjs [--runs N] [--name NAME] -- COMMAND ARGS...');
const opts = { runs: 15, name: 'server', warmup: 1, raw: false };
for (let i = 0; i < sep; i += 2) {
  const [flag, value] = [argv[i], argv[i + 1]];
  if (flag === '--raw') { opts.raw = true; i--; }
  else if (flag === '--runs') opts.runs = Number(value);
  else if (flag === '--name') opts.name = value;
  else if (flag === '--warmup') opts.warmup = Number(value);
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
          child.stdin.end(); // EOF: the server is expected to exit on its own
        }
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (elapsed === null) reject(new Error(`${opts.name}: exited before answering initialize`));
      else resolve(elapsed);
    });
    child.stdin.write(INIT);
  });
}

for (let i = 0; i < opts.warmup; i++) await once(); // page cache, not the JVM: every run is a new process
const times = [];
for (let i = 0; i < opts.runs; i++) times.push(await once());
console.log(JSON.stringify(opts.raw ? { name: opts.name, times } : stats(opts.name, times)));
