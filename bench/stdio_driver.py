#!/usr/bin/env python3
"""Drives the real server over stdio (one JSON-RPC message per line) for bench/distinct-pages.sh and bench/soak.sh.

  stdio_driver.py distinct-pages --calls 1000 -- <server command...>
  stdio_driver.py soak --duration-s 180 --workers 4 -- <server command...>

distinct-pages: N list_positions calls in a row, each a distinct 1,000-row page (start moves by a minute).
soak: a mixed load for a bounded time: cached calls (one query repeated), distinct pages, large results
(maxPages 5), calls on routes the sandbox is failing (bench/soak.sh arms the faults), resource reads.
At the end: calls, errors, latency median/max, heap after a full GC (jcmd GC.run + GC.heap_info) and RSS
(/proc/PID/status), then stdin is closed and the exit awaited. Every stdout line must be JSON-RPC (counted).
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone


class Server:
    def __init__(self, command):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.lock = threading.Lock()
        self.waiting = {}
        self.next_id = 1
        self.non_jsonrpc_lines = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            try:
                msg = json.loads(raw)
                if not isinstance(msg, dict) or msg.get("jsonrpc") != "2.0":
                    raise ValueError
            except ValueError:
                self.non_jsonrpc_lines += 1
                continue
            if "id" in msg and "method" not in msg:
                with self.lock:
                    slot = self.waiting.pop(msg["id"], None)
                if slot:
                    slot[1].append(msg)
                    slot[0].set()

    def request(self, method, params, timeout=120):
        with self.lock:
            rid = self.next_id
            self.next_id += 1
            slot = (threading.Event(), [])
            self.waiting[rid] = slot
            line = json.dumps({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}) + "\n"
            self.proc.stdin.write(line.encode())
        if not slot[0].wait(timeout):
            raise TimeoutError(f"{method} {rid} unanswered after {timeout} s")
        return slot[1][0]

    def notify(self, method):
        with self.lock:
            self.proc.stdin.write((json.dumps({"jsonrpc": "2.0", "method": method}) + "\n").encode())

    def call(self, tool, arguments):
        t0 = time.perf_counter()
        msg = self.request("tools/call", {"name": tool, "arguments": arguments})
        ms = (time.perf_counter() - t0) * 1000
        error = "error" in msg or msg.get("result", {}).get("isError", False)
        return ms, error, msg

    def heap_after_gc(self):
        jcmd = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jcmd") if os.environ.get("JAVA_HOME") else "jcmd"
        pid = str(self.proc.pid)
        subprocess.run([jcmd, pid, "GC.run"], capture_output=True, check=True)
        info = subprocess.run([jcmd, pid, "GC.heap_info"], capture_output=True, text=True, check=True).stdout
        used = sum(int(k) for k in re.findall(r"(?:generation|space)\s+total \d+K, used (\d+)K", info)
                   if True) if "generation" in info else None
        if used is None:  # G1 and others: one "garbage-first heap total X, used Y" line
            m = re.search(r"total \d+K, used (\d+)K", info)
            used = int(m.group(1)) if m else -1
        flags = subprocess.run([jcmd, pid, "VM.flags"], capture_output=True, text=True, check=True).stdout
        max_heap = int(re.search(r"MaxHeapSize=(\d+)", flags).group(1))
        return used * 1024, max_heap

    def rss(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return -1

    def close(self, timeout=30):
        self.proc.stdin.close()
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return "killed (did not exit after stdin EOF)"


def initialize(server):
    server.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                  "clientInfo": {"name": "bench", "version": "1"}})
    server.notify("notifications/initialized")
    # as clients do before their first call (it also starts the server's first-call warm-up)
    server.request("tools/list", {})


START = datetime(2025, 4, 5, tzinfo=timezone.utc)


def distinct_page(i):
    return {"start": (START + timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ"), "limit": 1000}


def run_distinct(server, calls):
    latencies, errors = [], 0
    for i in range(calls):
        ms, error, msg = server.call("list_positions", distinct_page(i))
        latencies.append(ms)
        if error:
            errors += 1
            if errors <= 3:
                print("error:", json.dumps(msg)[:300], file=sys.stderr)
    return latencies, errors


def run_soak(server, duration_s, workers):
    deadline = time.monotonic() + duration_s
    stats = {"calls": 0, "errors": 0, "by_kind": {}, "latencies": []}
    lock = threading.Lock()
    counter = [0]

    def plan(n):
        kind = ["cached", "cached", "cached", "distinct", "large", "fault", "cached", "resource", "cached", "distinct"][n % 10]
        if kind == "cached":
            return kind, "get_open_exposure_by_coin", {}
        if kind == "distinct":
            return kind, "list_positions", distinct_page(5000 + n)
        if kind == "large":
            return kind, "list_positions", {"coin": "BTC", "maxPages": 5, "fresh": True}
        if kind == "fault":
            return kind, "get_market_overview_metrics", {"fresh": True}
        return kind, None, None

    def worker():
        last_uri = None
        while time.monotonic() < deadline:
            with lock:
                n = counter[0]
                counter[0] += 1
            kind, tool, arguments = plan(n)
            t0 = time.perf_counter()
            if kind == "resource":
                if last_uri is None:
                    continue
                msg = server.request("resources/read", {"uri": last_uri})
                error = "error" in msg and "expired" not in json.dumps(msg)
            else:
                _, error, msg = server.call(tool, arguments)
                uri = msg.get("result", {}).get("structuredContent", {}).get("resourceUri")
                last_uri = uri or last_uri
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                stats["calls"] += 1
                stats["latencies"].append(ms)
                k = stats["by_kind"].setdefault(kind, {"calls": 0, "errors": 0})
                k["calls"] += 1
                if error:
                    stats["errors"] += 1
                    k["errors"] += 1

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["distinct-pages", "soak"])
    p.add_argument("--calls", type=int, default=1000)
    p.add_argument("--duration-s", type=int, default=180)
    p.add_argument("--workers", type=int, default=4)
    args = p.parse_args(argv[:split])
    server = Server(argv[split + 1:])
    initialize(server)
    t0 = time.monotonic()
    report = {}
    if args.mode == "distinct-pages":
        latencies, errors = run_distinct(server, args.calls)
        report.update(calls=len(latencies), errors=errors)
    else:
        stats = run_soak(server, args.duration_s, args.workers)
        latencies = stats["latencies"]
        report.update(calls=stats["calls"], errors=stats["errors"], byKind=stats["by_kind"])
    report["seconds"] = round(time.monotonic() - t0, 1)
    if latencies:
        report["latencyMs"] = {"median": round(statistics.median(latencies), 1), "max": round(max(latencies), 1),
                               "p99": round(sorted(latencies)[int(len(latencies) * 0.99) - 1], 1)}
        median = statistics.median(latencies)
        # the target is "no call slower than 2x the median": count them and say which calls they were
        slow = [(i, round(ms, 1)) for i, ms in enumerate(latencies) if ms > 2 * median]
        report["slowerThan2xMedian"] = len(slow)
        # the first calls of a new JVM load and compile the call path: counted apart, and said so
        report["slowerThan2xMedianAfterFirst10"] = len([c for c in slow if c[0] >= 10])
        report["slowest"] = sorted(slow, key=lambda c: -c[1])[:8]
    used, max_heap = server.heap_after_gc()
    report["heapAfterFullGcMiB"] = round(used / 2**20, 1)
    report["maxHeapMiB"] = round(max_heap / 2**20, 1)
    report["heapAfterFullGcShare"] = round(used / max_heap, 3)
    report["rssMiB"] = round(server.rss() / 2**20, 1)
    report["nonJsonRpcStdoutLines"] = server.non_jsonrpc_lines
    report["exit"] = server.close()
    print(json.dumps(report, indent=2))
    return 0 if report["exit"] == 0 and server.non_jsonrpc_lines == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
