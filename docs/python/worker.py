#!/usr/bin/env python3
"""A procpool worker in Python 3, standard library only, written from docs/protocol.md.

It answers one request at a time (it announces inFlight 1), so the coordinator never sends a
second request before the first is answered and this worker never needs to read ahead.

Use it as a pool's worker command, e.g. from Java:

    ProcessPoolOptions.builder().workerCommand(List.of("python3", "docs/python/worker.py")).build()

Tasks: cpu-heavy, noop, echo, sleep, fail, counter (the same names and results as the Java
worker's built-in tasks; chatter and crash are left out). Any other name, the typed calls'
invoke: and invoke-each: among them, is answered with an UnknownTaskError outcome per argument.

It speaks the pipe transport only and takes no arguments: given any (a pool on a socket or shm
transport appends --connect ADDRESS), it exits with status 2 and one line on stderr, as the Java
worker does with an argument it does not know.
"""

import time

STARTED_NS = time.perf_counter_ns()  # before the other imports: they are part of start-up

import json
import math
import os
import platform
import signal
import sys
import threading
import traceback

PROTOCOL_VERSION = 1
IN_FLIGHT = 1
MAX_LINE_BYTES = 256 << 20
EXCERPT_BYTES = 200
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INVALID_INPUT = 65
EXIT_OUTPUT_FAILED = 74

XORSHIFT_SEED = 88172645463325252
MASK_64 = (1 << 64) - 1
FAIL_MESSAGE_PREFIX = "procpool fail task: deliberate failure"


class UnknownTaskError(LookupError):
    """A run request named a task this worker does not have."""


class InvalidLine(Exception):
    """A line on stdin that is not a run request; the worker answers "invalid" and exits."""

    def __init__(self, problem, line):
        super().__init__(problem)
        self.line = line


# ---- tasks: each takes one JSON value and returns one ----

def as_long(argument, task):
    """The argument as a 64-bit integer: any JSON number (fractions truncated) or a numeric string."""
    value = None
    if isinstance(argument, bool):
        pass  # JSON true/false are not numbers, although Python's bool is an int
    elif isinstance(argument, int):
        value = argument
    elif isinstance(argument, float):
        value = int(argument) if math.isfinite(argument) else 1 << 64
    elif isinstance(argument, str):
        try:
            value = int(argument.strip())
        except ValueError:
            pass
    if value is None:
        raise ValueError(f"{task} needs an integer argument, got {argument}")
    if not -(1 << 63) <= value < 1 << 63:  # refused, as the Java worker does, rather than run for ever
        raise ValueError(f"{task} needs an integer argument that fits in 64 bits"
                         f" (from {-(1 << 63)} to {(1 << 63) - 1}), got {argument}")
    return value


def xorshift(steps):
    """Steps of the 64-bit xorshift recurrence from the fixed seed, as a signed 64-bit integer."""
    x = XORSHIFT_SEED
    for _ in range(steps):
        x ^= (x << 13) & MASK_64
        x ^= x >> 7
        x ^= (x << 17) & MASK_64
    return x - (1 << 64) if x >= 1 << 63 else x


def cpu_heavy(argument):
    return xorshift(as_long(argument, "cpu-heavy"))


def identity(argument):
    return argument


def sleep(argument):
    millis = as_long(argument, "sleep")
    time.sleep(max(0, millis) / 1000)
    return millis


def fail(argument):
    raise RuntimeError(f"{FAIL_MESSAGE_PREFIX} for argument {argument}")


_count = 0


def counter(argument):
    global _count
    _count += 1
    return _count


TASKS = {
    "counter": counter,
    "cpu-heavy": cpu_heavy,
    "echo": identity,
    "fail": fail,
    "noop": identity,
    "sleep": sleep,
}


# ---- protocol ----

def epoch_micros():
    return time.time_ns() // 1000


def encode(message):
    """One message as one line: compact JSON, ASCII only (so any string survives), newline."""
    return json.dumps(message, separators=(",", ":"), allow_nan=False).encode("ascii") + b"\n"


def exception_name(error):
    cls = type(error)
    if cls.__module__ in ("builtins", "__main__"):
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


def error_outcome(error, trace, started_at, micros):
    return {
        "error": {"exception": exception_name(error), "message": str(error), "trace": trace},
        "startedAt": started_at,
        "micros": micros,
    }


def run_one(task, argument):
    """Calls the task on one argument; whatever it raises becomes an error outcome."""
    started_at = epoch_micros()
    start = time.perf_counter_ns()
    try:
        value = task(argument)
        json.dumps(value, allow_nan=False)  # a value JSON cannot carry is the task's failure
        return {"value": value, "startedAt": started_at, "micros": (time.perf_counter_ns() - start) // 1000}
    except Exception as error:
        micros = (time.perf_counter_ns() - start) // 1000
        return error_outcome(error, traceback.format_exc(), started_at, micros)


def execute(request):
    task = TASKS.get(request["task"])
    if task is None:
        error = UnknownTaskError(f"unknown task '{request['task']}'; available: {', '.join(sorted(TASKS))}")
        started_at = epoch_micros()
        trace = f"{exception_name(error)}: {error}\n"
        results = [error_outcome(error, trace, started_at, 0) for _ in request["args"]]
    else:
        results = [run_one(task, argument) for argument in request["args"]]
    return {"type": "done", "id": request["id"], "thread": threading.current_thread().name, "results": results}


def not_json(constant):
    """Python's json reads NaN, Infinity and -Infinity; JSON has no such values (protocol.md, section 2)."""
    raise ValueError(f"{constant} is not JSON")


def parse_run(line):
    """The run request on one line (terminator removed), or InvalidLine saying what is wrong."""
    try:
        message = json.loads(line.decode("utf-8"), parse_constant=not_json)
    except (UnicodeDecodeError, ValueError) as error:
        raise InvalidLine(f"invalid message ({error})", line) from None
    except RecursionError:
        # Python's json gives up between 990 and 1000 levels; the protocol's limit is 1000.
        raise InvalidLine("invalid message (nested deeper than this worker's JSON reader can go)", line) from None
    if not isinstance(message, dict):
        raise InvalidLine("not a JSON object", line)
    kind = message.get("type")
    if kind is None:
        raise InvalidLine('message has no "type"', line)
    if kind != "run":
        raise InvalidLine(f'a worker only accepts "run" messages, got "{kind}"', line)
    request_id, task, args = message.get("id"), message.get("task"), message.get("args")
    if not isinstance(request_id, int) or isinstance(request_id, bool):
        raise InvalidLine('"id" must be an integer', line)
    if not -(1 << 63) <= request_id < 1 << 63:
        raise InvalidLine('"id" must fit in 64 bits', line)
    if not isinstance(task, str):
        raise InvalidLine('"task" must be a string', line)
    if not isinstance(args, list) or not args:
        raise InvalidLine('"args" must be a non-empty array', line)
    return message


def read_lines(stdin):
    """Yields each line without its \\n (and a \\r before it), skipping blank ones."""
    while True:
        raw = stdin.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        elif len(raw) > MAX_LINE_BYTES:
            raise InvalidLine(f"line exceeds the limit of {MAX_LINE_BYTES} bytes", raw)
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if raw:
            yield raw


def claim_stdout():
    """Keeps stdout for the protocol; fd 1 (print, child processes) goes to stderr from now on."""
    sys.stdout.flush()
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout.reconfigure(line_buffering=True)
    return protocol


def main():
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C on the coordinator: die quietly
    if len(sys.argv) > 1:
        # Before the hello: a pool on another transport must not take this worker for a pipe one.
        print(f"procpool worker.py: unknown argument '{sys.argv[1]}'; this worker takes no arguments"
              " and speaks the pipe transport only", file=sys.stderr)
        return EXIT_USAGE
    out = claim_stdout()
    init_micros = (time.perf_counter_ns() - STARTED_NS) // 1000

    def send(message):
        try:
            out.write(encode(message))
            out.flush()
        except OSError:
            os._exit(EXIT_OUTPUT_FAILED)  # the coordinator is gone: nobody reads our answers

    send({
        "type": "hello",
        "protocol": PROTOCOL_VERSION,
        "pid": os.getpid(),
        "runtime": f"python {platform.python_version()}",
        "inFlight": IN_FLIGHT,
        "initMicros": init_micros,
        "readyAt": epoch_micros(),
    })
    try:
        for line in read_lines(sys.stdin.buffer):
            send(execute(parse_run(line)))
    except InvalidLine as bad:
        excerpt = bad.line[:EXCERPT_BYTES].decode("utf-8", errors="replace")
        send({"type": "invalid", "message": str(bad), "line": excerpt})
        return EXIT_INVALID_INPUT
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
