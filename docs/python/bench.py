#!/usr/bin/env python3
"""Python's own answer to procpool's experiments, with concurrent.futures.

Runs the same workloads as procpool, serially, on a ThreadPoolExecutor and on a
ProcessPoolExecutor, so the JVM figures have a reference:

  cpu      the xorshift cpu-heavy task on --tasks tasks of --size steps: time and
           speed-up over serial for threads (held back by the GIL) and processes
  noop     per-task cost of a task that does nothing, over --noop-tasks tasks, at
           each --chunksizes value (ThreadPoolExecutor.map ignores chunksize)
  echo     --echo-mib MiB strings sent to a worker process and back, in MiB/s: pickled
           through the pool's pipes, and through multiprocessing.shared_memory (the
           string's bytes in a block each way, only the block's name pickled)
  startup  time from creating a pool to every worker having run one trivial task,
           for each process start method, and for threads

Pools for cpu, noop and echo are started and warmed before the clock starts, so
start-up is counted only under "startup". Every figure is the median of --repeat
runs; a speed-up is the median of each run's serial time over its pool time.
Standard library only.
"""

import argparse
import concurrent.futures as cf
import json
import multiprocessing
from multiprocessing import shared_memory
import os
import platform
import statistics
import sys
import threading
import time

MASK = (1 << 64) - 1
SEED = 88172645463325252
MIB = 1 << 20


# Task functions live at module level so worker processes can unpickle them.

def xorshift(steps):
    """procpool's cpu-heavy task: steps of a 64-bit xorshift, as a signed 64-bit int."""
    x = SEED
    for _ in range(steps):
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
    return x - (1 << 64) if x >= (1 << 63) else x


def noop(value):
    return value


def echo(value):
    return value


def echo_shared(name, length):
    """echo through shared memory: reads the string from one block, returns it in a new one.

    Like procpool's values off the line: the caller made the argument's block and unlinks it;
    the worker makes the result's block, and the caller unlinks that once it has read it.
    """
    block = shared_memory.SharedMemory(name=name)
    _untrack(block)  # attaching registered it too (before 3.13), and the caller unlinks it
    try:
        value = bytes(block.buf[:length]).decode("utf-8")
    finally:
        block.close()
    data = value.encode("utf-8")
    result = shared_memory.SharedMemory(create=True, size=max(1, len(data)))
    result.buf[:len(data)] = data
    result.close()
    _untrack(result)
    return result.name, len(data)


def _untrack(block):
    # The creating process's resource tracker would unlink the block, or warn about it, when that
    # process ends; the other side unlinks it here, as in procpool (Python 3.13 has track=False).
    try:
        from multiprocessing import resource_tracker
        resource_tracker.unregister(block._name, "shared_memory")  # pylint: disable=protected-access
    except Exception:  # pylint: disable=broad-except
        pass


def _shared_round_trip(pool, payload):
    data = payload.encode("utf-8")
    block = shared_memory.SharedMemory(create=True, size=len(data))
    try:
        block.buf[:len(data)] = data
        name, length = pool.submit(echo_shared, block.name, len(data)).result()
    finally:
        block.close()
        block.unlink()
    result = shared_memory.SharedMemory(name=name)
    try:
        return bytes(result.buf[:length]).decode("utf-8")
    finally:
        result.close()
        result.unlink()


_barrier = None


def _install_barrier(barrier):
    global _barrier
    _barrier = barrier


def _meet(_):
    """Blocks until every worker holds one of these calls, so each worker runs exactly one."""
    _barrier.wait()
    return os.getpid()


def process_pool(workers, start_method):
    """A process pool whose workers have all started and run one trivial call."""
    context = multiprocessing.get_context(start_method)
    barrier = context.Barrier(workers)
    pool = cf.ProcessPoolExecutor(workers, mp_context=context,
                                  initializer=_install_barrier, initargs=(barrier,))
    _warm(pool, workers)
    return pool


def thread_pool(workers):
    _install_barrier(threading.Barrier(workers))
    pool = cf.ThreadPoolExecutor(workers)
    _warm(pool, workers)
    return pool


def _warm(pool, workers):
    # A pool starts workers on demand; `workers` calls that wait for each other force them all up.
    pids = list(pool.map(_meet, range(workers)))
    assert len(pids) == workers


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def cpu_experiment(args):
    sizes = [args.size] * args.tasks
    expected = xorshift(args.size)
    seconds = {}
    for mode in ("serial", "threads", "processes"):
        if mode == "serial":
            elapsed, results = timed(lambda: list(map(xorshift, sizes)))
        else:
            pool = thread_pool(args.workers) if mode == "threads" else \
                process_pool(args.workers, args.start_method)
            with pool:
                elapsed, results = timed(lambda: list(pool.map(xorshift, sizes)))
        if results != [expected] * args.tasks:
            raise AssertionError(f"{mode} computed a different xorshift result")
        seconds[mode] = elapsed
    return seconds


def noop_experiment(args):
    """Microseconds per task, keyed by 'mode chunksize'."""
    items = range(args.noop_tasks)
    micros = {}
    _, micros["serial -"] = _per_task(lambda: list(map(noop, items)), args.noop_tasks)
    with thread_pool(args.workers) as pool:
        _, micros["threads -"] = _per_task(lambda: list(pool.map(noop, items)), args.noop_tasks)
    with process_pool(args.workers, args.start_method) as pool:
        for chunksize in args.chunksizes:
            # Large chunks get a longer list, so that there are enough of them to time.
            count = args.batched_tasks if chunksize >= 1000 else args.noop_tasks
            _, micros[f"processes {chunksize}"] = _per_task(
                lambda: list(pool.map(noop, range(count), chunksize=chunksize)), count)
    return micros


def _per_task(action, count):
    elapsed, results = timed(action)
    if len(results) != count:
        raise AssertionError("lost results")
    return elapsed, elapsed / count * 1e6


def echo_experiment(args):
    """MiB/s of payload through the process pool (each MiB also travels back), pickled and shared."""
    payload = "x" * (args.echo_mib * MIB)
    rates = {}
    with process_pool(args.workers, args.start_method) as pool:
        elapsed, results = timed(lambda: list(pool.map(echo, [payload] * args.echo_tasks)))
        if any(result != payload for result in results):
            raise AssertionError("echo changed its payload")
        rates["pickled"] = args.echo_tasks * args.echo_mib / elapsed
        with cf.ThreadPoolExecutor(args.workers) as senders:  # one call in flight per worker, as map keeps
            elapsed, results = timed(lambda: list(senders.map(lambda _: _shared_round_trip(pool, payload),
                                                              range(args.echo_tasks))))
        if any(result != payload for result in results):
            raise AssertionError("echo through shared memory changed its payload")
        rates["shared_memory"] = args.echo_tasks * args.echo_mib / elapsed
    return rates


def startup_experiment(args):
    """Milliseconds from creating a pool to each worker having run one call."""
    millis = {}
    for method in multiprocessing.get_all_start_methods():
        elapsed, pool = timed(lambda: process_pool(args.workers, method))
        pool.shutdown()
        millis[f"processes ({method})"] = elapsed * 1e3
    elapsed, pool = timed(lambda: thread_pool(args.workers))
    pool.shutdown()
    millis["threads"] = elapsed * 1e3
    return millis


def median_of(runs):
    """Per-key medians of a list of {key: number} dicts."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def report(args, cpu, speedups, noop_micros, echo_rate, startup):
    lines = [
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"cpu_count={os.cpu_count()}, workers={args.workers}, "
        f"start method={args.start_method}, medians of {args.repeat} run(s)",
        "",
        f"cpu-heavy: {args.tasks} tasks x {args.size} xorshift steps",
        f"  {'mode':<12}{'seconds':>10}{'speed-up':>10}",
    ]
    for mode, seconds in cpu.items():
        lines.append(f"  {mode:<12}{seconds:>10.3f}{speedups[mode]:>9.2f}x")
    lines += ["", f"noop: {args.noop_tasks} tasks, microseconds per task",
              f"  {'mode':<12}{'chunksize':>10}{'us/task':>10}"]
    for key, micros in noop_micros.items():
        mode, chunksize = key.split()
        lines.append(f"  {mode:<12}{chunksize:>10}{micros:>10.2f}")
    lines += ["", f"echo: {args.echo_tasks} x {args.echo_mib} MiB strings through the process pool, "
              "MiB/s (payload each way)"]
    for path, rate in echo_rate.items():
        lines.append(f"  {path:<14}{rate:>8.0f}")
    lines += ["", f"start-up: pool created until each of {args.workers} workers ran one call",
              f"  {'pool':<24}{'ms':>8}"]
    for pool, millis in startup.items():
        lines.append(f"  {pool:<24}{millis:>8.2f}")
    return "\n".join(lines)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count(),
                        help="pool size (default: os.cpu_count() = %(default)s)")
    parser.add_argument("--tasks", type=int, default=16, help="cpu-heavy tasks (default: %(default)s)")
    parser.add_argument("--size", type=int, default=200_000,
                        help="xorshift steps per cpu-heavy task (default: %(default)s)")
    parser.add_argument("--noop-tasks", type=int, default=20_000, help="noop tasks (default: %(default)s)")
    parser.add_argument("--chunksizes", type=lambda text: [int(c) for c in text.split(",")],
                        default=[1, 10, 100, 1000], help="noop chunk sizes, comma-separated (default: 1,10,100,1000)")
    parser.add_argument("--batched-tasks", type=int, default=200_000,
                        help="noop tasks for chunk sizes of 1000 and more (default: %(default)s)")
    parser.add_argument("--echo-tasks", type=int, default=32, help="echo tasks (default: %(default)s)")
    parser.add_argument("--echo-mib", type=int, default=1, help="MiB per echo payload (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; medians are shown (default: %(default)s)")
    parser.add_argument("--start-method", default=multiprocessing.get_start_method(),
                        choices=multiprocessing.get_all_start_methods(),
                        help="process start method for cpu, noop and echo (default: %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="also write every run and the medians as JSON")
    args = parser.parse_args(argv)
    if min(args.workers, args.tasks, args.size, args.noop_tasks, args.batched_tasks, args.echo_tasks,
           args.echo_mib, args.repeat, *args.chunksizes) < 1:
        parser.error("every count must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    runs = {"cpu": [], "noop": [], "echo": [], "startup": []}
    for _ in range(args.repeat):
        runs["cpu"].append(cpu_experiment(args))
        runs["noop"].append(noop_experiment(args))
        runs["echo"].append(echo_experiment(args))
        runs["startup"].append(startup_experiment(args))
    medians = {name: median_of(values) for name, values in runs.items()}
    # Each run's own serial time is the reference: a paired ratio survives load that drifts between runs.
    medians["cpu_speedup"] = median_of([{mode: run["serial"] / seconds for mode, seconds in run.items()}
                                        for run in runs["cpu"]])
    print(report(args, medians["cpu"], medians["cpu_speedup"], medians["noop"], medians["echo"],
                 medians["startup"]))
    if args.json:
        document = {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "options": vars(args),
            "units": {"cpu": "seconds", "cpu_speedup": "serial seconds / seconds, per run",
                      "noop": "microseconds per task",
                      "echo": "MiB/s, pickled and through shared_memory", "startup": "milliseconds"},
            "medians": medians,
            "runs": runs,
        }
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(document, out, indent=2)
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
