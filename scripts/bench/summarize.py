"""Medians and goals of a benchmark run, from the result lines the scripts/bench-*.sh append to their results file:

    <variant> <round> c=<connections> requests=… rps=… p50=…ms p99=…ms non2xx=… socket_errors=… [mean=…ms]

Ratios against a reference are taken per round (each round measures both, one after the other) and then their
median is reported, as docs/benchmarks.md and PERFORMANCE.md describe.
Usage: python3 summarize.py a2a|store|grpc|plugins|gateway|security results.txt
"""
import re
import statistics
import sys
from collections import namedtuple

Run = namedtuple("Run", "round rps p50 p99 errors mean")
LINE = re.compile(r"(\S+) (\d+) c=(\d+) requests=\d+ rps=(\d+) p50=([\d.]+)ms p99=([\d.]+)ms non2xx=(\d+)"
                  r"(?: socket_errors=(\d+))?(?: mean=([\d.]+)ms)?")
RSS = re.compile(r"(\S+) \d+ rss_after_load_mb=(\d+)")


def read(path):
    runs, rss = {}, {}
    for line in open(path):
        if m := LINE.match(line):
            errors = int(m[7]) + int(m[8] or 0)
            runs.setdefault((m[1], int(m[3])), []).append(
                Run(int(m[2]), int(m[4]), float(m[5]), float(m[6]), errors, float(m[9]) if m[9] else None))
        elif m := RSS.match(line):
            rss.setdefault(m[1], []).append(int(m[2]))
    return runs, rss


def median(runs, field):
    return statistics.median(getattr(run, field) for run in runs)


def paired(runs, variant, reference, c, value):
    """value(variant's run, reference's run) for each round that measured both, and their median."""
    mine = {run.round: run for run in runs.get((variant, c), [])}
    theirs = {run.round: run for run in runs.get((reference, c), [])}
    values = [value(mine[r], theirs[r]) for r in sorted(mine) if r in theirs and theirs[r].rps]
    return values, (statistics.median(values) if values else None)


def table(runs, variants, label="variant"):
    levels = sorted({c for _, c in runs})
    with_mean = any(run.mean is not None for (name, _), variant in runs.items() if name in variants for run in variant)
    print(f"{label:14} {'conns':>5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}" + (f" {'mean ms':>8}" if with_mean else "")
          + f" {'errors':>6}")
    for name in variants:
        for c in levels:
            if (name, c) in runs:
                r = runs[(name, c)]
                means = [x.mean for x in r if x.mean is not None]
                mean = "" if not with_mean else f" {statistics.median(means):8.3f}" if means else f" {'-':>8}"
                print(f"{name:14} {c:5} {median(r, 'rps'):8.0f} {median(r, 'p50'):7.2f} {median(r, 'p99'):7.2f}{mean} "
                      f"{sum(x.errors for x in r):6}")


def verdict(met):
    return "met" if met else "MISSED"


def throughput_ratio(runs, variant, reference, c):
    return paired(runs, variant, reference, c, lambda a, b: a.rps / b.rps)


def a2a(runs, rss):
    table(runs, ("agentx", "raw-jetty", "a2a-js"), "server")
    for c in (1, 16, 64):
        _, raw = throughput_ratio(runs, "agentx", "raw-jetty", c)
        _, js = throughput_ratio(runs, "agentx", "a2a-js", c)
        if raw is not None and js is not None:
            print(f"c={c}: agentx/raw-jetty = {raw:.2f} (goal >= 0.50: {verdict(raw >= 0.5)}), "
                  f"agentx/a2a-js = {js:.1f}x (goal >= 3x: {verdict(js >= 3)})")
    if ("agentx", 64) in runs:
        p99 = median(runs[("agentx", 64)], "p99")
        print(f"agentx p99 at 64 connections = {p99:.2f} ms (goal <= 5 ms: {verdict(p99 <= 5)})")
    if "agentx" in rss:
        print(f"agentx RSS after load: {statistics.median(rss['agentx']):.0f} MB")


def store(runs, _):
    table(runs, ("memory", "h2", "postgresql"), "store")
    for name in ("h2", "postgresql"):
        for c in (1, 16, 64):
            _, ratio = throughput_ratio(runs, name, "memory", c)
            if ratio is not None:
                goal = f" (goal <= 20 %: {verdict(1 - ratio <= 0.20)})" if c == 64 else ""
                print(f"c={c}: {name} costs {100 * (1 - ratio):.0f} % of in-memory throughput{goal}")


def grpc(runs, _):
    table(runs, ("grpc", "jsonrpc"), "transport")
    for c in (16, 64):
        ratios, ratio = throughput_ratio(runs, "grpc", "jsonrpc", c)
        if ratio is not None:
            print(f"c={c}: grpc/jsonrpc per pair {' '.join(f'{r:.2f}' for r in ratios)}, median {ratio:.2f} "
                  f"(goal >= 1: {verdict(ratio >= 1)})")


def plugins(runs, _):
    table(runs, ("plugin-node", "bare-node", "plugin-python", "bare-python", "jsonrpc-echo", "grpc-echo"))
    for language in ("node", "python"):
        for c in (16, 64):
            _, ratio = throughput_ratio(runs, f"plugin-{language}", f"bare-{language}", c)
            if ratio is not None:
                print(f"c={c}: plugin-{language}/bare-{language} = {ratio:.2f} (goal >= 0.50: {verdict(ratio >= 0.5)})")
    if ("plugin-node", 64) in runs:
        p99 = median(runs[("plugin-node", 64)], "p99")
        print(f"plugin-node p99 at 64 connections = {p99:.2f} ms (goal <= 10 ms: {verdict(p99 <= 10)})")
    for c in (16, 64):
        _, ratio = throughput_ratio(runs, "grpc-echo", "jsonrpc-echo", c)
        if ratio is not None:
            print(f"c={c}: grpc-echo/jsonrpc-echo = {ratio:.2f} (goal >= 1: {verdict(ratio >= 1)})")


def gateway(runs, rss):
    table(runs, ("direct", "gateway"), "path")
    for c in sorted({c for _, c in runs}):
        _, ratio = throughput_ratio(runs, "gateway", "direct", c)
        _, added = paired(runs, "gateway", "direct", c, lambda b, a: b.mean - a.mean if a.mean and b.mean else 0)
        if ratio is None:
            continue
        line = f"c={c}: gateway/direct = {ratio:.2f}, added mean latency = {added:.3f} ms"
        if c == 1:
            line += f" (goal <= 0.15 ms: {verdict(added <= 0.15)})"
        if c == 16:
            line += f" (goal gateway/direct >= 0.60: {verdict(ratio >= 0.60)})"
        print(line)
    if "gateway" in rss:
        print(f"AgentX RSS after load: {statistics.median(rss['gateway']):.0f} MB")


def security(runs, _):
    table(runs, ("off", "apikey", "jwt"), "security")
    for mode in ("apikey", "jwt"):
        for c in (16, 64):
            _, ratio = throughput_ratio(runs, mode, "off", c)
            if ratio is not None:
                cost = 1 - ratio
                print(f"c={c}: {mode} costs {100 * cost:.0f} % of the throughput without security "
                      f"(goal <= 10 %: {verdict(cost <= 0.10)})")


if __name__ == "__main__":
    benchmark, results = sys.argv[1], sys.argv[2]
    runs, rss = read(results)
    rounds = len({run.round for variant in runs.values() for run in variant})
    print(f"medians over {rounds} round(s):")
    {"a2a": a2a, "store": store, "grpc": grpc, "plugins": plugins, "gateway": gateway, "security": security}[benchmark](
        runs, rss)
