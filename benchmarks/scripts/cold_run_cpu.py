#!/usr/bin/env python3
"""Where a cold `procpool run` spends its CPU: the JIT compiler threads against everything else,
in the coordinator and in each worker JVM it starts (issue #10).

Runs the real command ROUNDS times (fresh JVMs each time, as a user does), polling /proc every
20 ms for the coordinator and its child JVMs and keeping each thread's last CPU time, so a worker
that has already exited still counts. Reads the run's own figures from its --json file. Prints
each round, then the medians:

    coordinator CPU (of it: compiler threads), workers' CPU (of it: compiler threads),
    the run's wall per task with start-up excluded, and the command's whole wall time.

CPU times are the kernel's (utime + stime, 10 ms ticks), which other load on the machine
disturbs much less than wall times.

usage: cold_run_cpu.py ROUNDS JAR RUN-ARGS...
  e.g. cold_run_cpu.py 5 coordinator/target/procpool.jar --mode process --workers 2 \\
           --workload noop --size 1 --tasks 20000 --chunksize 1
(the script adds `run`, and `--json` to a temporary file)
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def threads_of(pid):
    """The ids of a process's live threads; none once it has exited."""
    try:
        return os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return []


def thread_ticks(pid):
    """{tid: (name, utime + stime)} of one process's live threads."""
    found = {}
    for tid in threads_of(pid):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        found[tid] = (name, int(fields[11]) + int(fields[12]))
    return found


def children(pid):
    """Child processes of every thread of pid (the workers are started from several threads)."""
    kids = []
    for tid in threads_of(pid):
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids += [int(c) for c in f.read().split()]
        except FileNotFoundError:
            pass
    return kids


def one_round(jar, run_args):
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "run.json")
        started = time.monotonic()
        command = ["java", "-jar", jar, "run", *run_args, "--json", report]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen = {}
        while process.poll() is None:
            for pid in [process.pid] + children(process.pid):
                seen.setdefault(pid, {}).update(thread_ticks(pid))
            time.sleep(0.02)
        wall_ms = (time.monotonic() - started) * 1000
        if process.returncode != 0:
            sys.exit(f"the command failed with exit {process.returncode}: {' '.join(command)}")
        with open(report) as f:
            run = json.load(f)

    def cpu(pids, compiler):
        total = 0
        for pid in pids:
            for name, ticks in seen[pid].values():
                if not compiler or "CompilerThre" in name:
                    total += ticks
        return total * TICK_MS

    workers = [pid for pid in seen if pid != process.pid]
    return {
        "coordinator": cpu([process.pid], False),
        "coordinator compiler": cpu([process.pid], True),
        "workers": cpu(workers, False),
        "workers compiler": cpu(workers, True),
        "per task us": (run["wallMillis"] - run["startupMillis"]) * 1000 / run["tasks"],
        "command ms": wall_ms,
    }


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    rounds, jar, run_args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    results = []
    for number in range(1, rounds + 1):
        result = one_round(jar, run_args)
        results.append(result)
        print(f"round {number}: " + ", ".join(f"{key} {value:.1f}" for key, value in result.items()), flush=True)
    medians = {key: statistics.median(r[key] for r in results) for key in results[0]}
    print(f"medians of {rounds}: coordinator {medians['coordinator']:.0f} ms CPU "
          f"(compiler threads {medians['coordinator compiler']:.0f}), workers {medians['workers']:.0f} ms CPU "
          f"(compiler threads {medians['workers compiler']:.0f}); run {medians['per task us']:.2f} us per task "
          f"(start-up excluded); command {medians['command ms']:.0f} ms")


if __name__ == "__main__":
    main()
