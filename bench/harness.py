"""Runs the import benchmark: each case imports the same data set into a freshly created collection of
one local Weaviate, one run at a time; measures objects/s, client CPU seconds and peak memory of the
client process (wait4 rusage), the server's CPU seconds, and checks the object count afterwards.
Prints a Markdown table of medians and writes every run to a JSON file.

Standard library only; `bench/run` builds the clients and starts the server, then calls this.

    python3 harness.py --http URL --grpc URL --rust BIN --python VENV_PYTHON
        [--server-pid PID] [--count N] [--runs R] [--index hnsw|flat]
        [--cases rust:default,rust:server-side,python:fixed:100x2,python:stream] [--out FILE]

A case is CLIENT:MODE. CLIENT rust: MODE is default | fixed:SIZExCONCURRENCY | dynamic | server-side.
CLIENT python: MODE is fixed:SIZExCONCURRENCY (the client's fixed_size(), default 100x2) | dynamic | stream
(its server-side batching).
"""

import argparse
import json
import os
import selectors
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
COLLECTION = "BenchArticle"
PROPERTIES = [
    ("title", "text"),
    ("body", "text"),
    ("category", "text"),
    ("views", "int"),
    ("score", "number"),
    ("published", "boolean"),
]


def rest(http, method, path, body=None):
    req = urllib.request.Request(
        http + path,
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"content-type": "application/json"},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=120) as r:
            data = r.read()
            return json.loads(data) if data else None
    except urllib.error.HTTPError as e:
        if method == "DELETE" and e.code == 404:
            return None
        raise RuntimeError(f"{method} {path}: {e.code} {e.read()[:300]!r}") from e


def recreate(http, index, schema):
    """`default`: the server's defaults (every property filterable, text searchable). `light`: no
    inverted index at all, so the server does as little as it can per object and the clients' own
    costs show."""

    def prop(name, data_type):
        p = {"name": name, "dataType": [data_type]}
        if schema == "light":
            p["indexFilterable"] = False
            if data_type == "text":
                p["indexSearchable"] = False
            if data_type in ("int", "number"):
                p["indexRangeFilters"] = False
        return p

    rest(http, "DELETE", f"/v1/schema/{COLLECTION}")
    rest(
        http,
        "POST",
        "/v1/schema",
        {
            "class": COLLECTION,
            "vectorizer": "none",
            "vectorIndexType": index,
            "properties": [prop(n, t) for n, t in PROPERTIES],
        },
    )


def count(http):
    q = {"query": "{ Aggregate { %s { meta { count } } } }" % COLLECTION}
    reply = rest(http, "POST", "/v1/graphql", q)
    return reply["data"]["Aggregate"][COLLECTION][0]["meta"]["count"]


def server_cpu(pid):
    if not pid:
        return None
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def command(case, args):
    client, mode = case.split(":", 1)
    common = ["--http", args.http, "--grpc", args.grpc, "--collection", COLLECTION,
              "--count", str(args.count), "--mode", mode]
    if client == "rust":
        return [args.rust] + common
    if client == "python":
        return [args.python, os.path.join(HERE, "python", "import_bench.py")] + common
    sys.exit(f"unknown client in case {case}")


def measured(case, args):
    """Runs the client under /usr/bin/time-like accounting: wait4 on the child gives its own rusage."""
    recreate(args.http, args.index, args.schema)
    time.sleep(1)
    cpu0 = server_cpu(args.server_pid)
    t0 = time.perf_counter()
    child = subprocess.Popen(command(case, args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out_chunks, err_chunks = [], []
    # Read both pipes to the end without reaping the child, then reap it with wait4.
    sel = selectors.DefaultSelector()
    sel.register(child.stdout, selectors.EVENT_READ, out_chunks)
    sel.register(child.stderr, selectors.EVENT_READ, err_chunks)
    open_pipes = 2
    while open_pipes:
        for key, _ in sel.select():
            data = key.fileobj.read1(65536)
            if data:
                key.data.append(data)
            else:
                sel.unregister(key.fileobj)
                open_pipes -= 1
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    out, err = b"".join(out_chunks).decode(), b"".join(err_chunks).decode()
    if child.returncode != 0:
        raise RuntimeError(f"{case} failed ({child.returncode}): {err[-2000:]}")
    lines = [l for l in out.splitlines() if l.startswith("{")]
    if not lines:
        raise RuntimeError(f"{case} printed no result: {out[-500:]} {err[-2000:]}")
    result = json.loads(lines[-1])
    result.update(
        case=case,
        wall_seconds=wall,
        client_cpu_seconds=usage.ru_utime + usage.ru_stime,
        client_peak_rss_mb=usage.ru_maxrss / 1024,
        server_cpu_seconds=(server_cpu(args.server_pid) - cpu0) if args.server_pid else None,
    )
    stored = count(args.http)
    result["stored"] = stored
    if stored != args.count or result.get("failed"):
        raise RuntimeError(f"{case}: {stored} of {args.count} objects stored: {result} {err[-1000:]}")
    return result


def median(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--http", required=True)
    ap.add_argument("--grpc", required=True)
    ap.add_argument("--rust", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--server-pid", type=int)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--index", default="hnsw", help="vector index: hnsw (default) or flat")
    ap.add_argument("--schema", default="default", choices=["default", "light"],
                    help="inverted index: the server's defaults, or none (light)")
    ap.add_argument(
        "--cases",
        default="rust:default,rust:server-side,python:fixed:100x2,python:stream",
    )
    ap.add_argument("--out")
    args = ap.parse_args()
    cases = args.cases.split(",")
    results = []
    for run in range(args.runs):
        # Rotate the order so that no case always runs first (or last) on a noisy machine.
        order = cases[run % len(cases):] + cases[: run % len(cases)]
        for case in order:
            r = measured(case, args)
            results.append(r)
            print(
                f"run {run + 1}/{args.runs} {case:<24} {r['objects_per_second']:>8.0f} obj/s "
                f"{r['seconds']:>7.2f} s  client cpu {r['client_cpu_seconds']:>6.2f} s  "
                f"peak {r['client_peak_rss_mb']:>6.1f} MB  server cpu "
                f"{r['server_cpu_seconds'] if r['server_cpu_seconds'] is not None else float('nan'):>6.2f} s",
                file=sys.stderr,
                flush=True,
            )
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"count": args.count, "index": args.index, "schema": args.schema,
                       "runs": results}, f, indent=1)

    rows = []
    for case in cases:
        rs = [r for r in results if r["case"] == case]
        rows.append(
            dict(
                case=case,
                ops=median(rs, "objects_per_second"),
                cpu=median(rs, "client_cpu_seconds"),
                import_cpu=median(rs, "import_cpu_seconds"),
                rss=median(rs, "client_peak_rss_mb"),
                server=median(rs, "server_cpu_seconds"),
                n=len(rs),
            )
        )
    python_rows = [r for r in rows if r["case"].startswith("python:")]
    best_py = max(python_rows, key=lambda r: r["ops"]) if python_rows else None
    print(f"\n{args.count} objects, {args.index} vector index, {args.schema} inverted index, "
          f"median of {args.runs} runs\n")
    print("| client:mode | objects/s | vs Python best | client CPU s (import phase) | client peak RSS MB | server CPU s |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = f"{r['ops'] / best_py['ops']:.2f}x" if best_py else "-"
        server = f"{r['server']:.1f}" if r["server"] is not None else "-"
        print(
            f"| {r['case']} | {r['ops']:.0f} | {ratio} | {r['cpu']:.2f} ({r['import_cpu']:.2f}) | "
            f"{r['rss']:.1f} | {server} |"
        )


if __name__ == "__main__":
    main()
