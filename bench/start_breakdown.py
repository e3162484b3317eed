#!/usr/bin/env python3
"""Where the start goes: spawns a stdio server N times with -Xlog:class+load (wall-clock decorations), sends
`initialize`, and splits spawn -> answer into phases by the first class of each milestone. Prints the medians.

  bench/start_breakdown.py --runs 5 -- bin/hypertracker-mcp       (a launcher: the log flags go in
                                                                   HYPERTRACKER_MCP_JAVA_OPTS)
  bench/start_breakdown.py --runs 5 --direct -- java FLAGS -jar target/hypertracker-mcp.jar   (flags added after java)

Milestones (epoch ms from the log's `timemillis` decoration, spawn and answer from this driver's clock):
spawn -> JVM's first class (exec, the bash launcher, JVM creation) -> the main class -> the first logback class ->
the first MCP SDK class -> the server's first tool class -> the initialize answer; plus the classes loaded before the
answer, how many came from the archive, and the JVM's own -Xlog:startuptime phases.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

INIT = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}) + "\n"

LINE = re.compile(r"^\[[0-9.]+s\]\[([0-9]+)ms\] (\S+)")

MILESTONES = [
    ("main class", lambda c: c in ("dev.hypertracker.mcp.Main", "MinimalSdkServer", "TrivialMain")),
    ("first logback class", lambda c: c.startswith("ch.qos.logback.")),
    ("first MCP SDK class", lambda c: c.startswith("io.modelcontextprotocol.")),
    ("first tool class", lambda c: c.startswith("dev.hypertracker.mcp.tools.") or c.startswith("dev.hypertracker.mcp.briefs.")),
    ("stdio transport provider", lambda c: c.startswith("io.modelcontextprotocol.server.transport.StdioServerTransportProvider")),
    ("McpAsyncServer", lambda c: c == "io.modelcontextprotocol.server.McpAsyncServer"),
]


def once(cmd, direct, extra_env):
    log = tempfile.NamedTemporaryFile(prefix="breakdown-", suffix=".log", delete=False).name
    logflags = [f"-Xlog:class+load=info:file={log}:timemillis,uptime"]
    env = dict(os.environ, **extra_env)
    if direct:
        cmd = [cmd[0]] + logflags + cmd[1:]
    else:
        env["HYPERTRACKER_MCP_JAVA_OPTS"] = (env.get("HYPERTRACKER_MCP_JAVA_OPTS", "") + " " + " ".join(logflags)).strip()
    t0 = time.time() * 1000
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, bufsize=0)
    p.stdin.write(INIT.encode())
    line = p.stdout.readline()
    answer = time.time() * 1000
    assert b'"result"' in line, line
    time.sleep(1.0)
    p.stdin.close()
    p.wait(timeout=10)
    rows = []
    for raw in open(log):
        # [0.023s][1796051847825ms] java.lang.Object source: shared objects file
        m = LINE.match(raw)
        if m:
            rows.append((int(m.group(1)), m.group(2), "shared objects file" in raw))
    os.unlink(log)
    first = rows[0][0]
    out = {"spawn->JVM's first class": first - t0}
    prev = first
    for name, match in MILESTONES:
        hit = next((ms for ms, c, _ in rows if match(c)), None)
        if hit is not None:
            out[f"-> {name}"] = hit - prev
            prev = hit
    out["-> answer"] = answer - prev
    out["spawn->answer"] = answer - t0
    before = [r for r in rows if r[0] <= answer]
    out["classes before answer"] = len(before)
    out["of them from the archive"] = sum(1 for r in before if r[2])
    out["classes after (1 s idle)"] = len(rows) - len(before)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--direct", action="store_true")
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    extra = dict(e.split("=", 1) for e in a.env)
    results = [once(cmd, a.direct, extra) for _ in range(a.runs + 1)][1:]  # the first run warms the page cache
    for key in results[0]:
        vals = [r[key] for r in results if key in r]
        print(f"{key:32s} {statistics.median(vals):8.0f}  (runs: {', '.join(f'{v:.0f}' for v in vals)})")


if __name__ == "__main__":
    main()
