#!/usr/bin/env python3
"""The first typed call on a fresh worker, over a noop, per build (issue #12), A/B alternating.

Each round hand-starts one worker per build with that build's own worker command (class-data
archive included), sends a noop, times a second noop and then the first typed call from the
request's write to the answer's read, and stops the worker. Builds alternate within a round,
in reversed order every other round. Prints, per build, the median of typed-minus-noop and the
median of the call's own `micros` (what the worker timed around the task, without the lookup).

usage: first_typed_call.py ROUNDS LABEL=COMMAND_FILE [LABEL=COMMAND_FILE ...]

COMMAND_FILE holds the worker command line a pool of that build starts once its archive
exists: run `java -cp BUILD/procpool.jar:BUILD/benchmarks.jar io.procpool.experiments.TypedCosts
first 20` twice (the first run builds the archive) and copy the `WorkerMain` line of
`ps -eo args` during the second.

FN picks the function: `moved` (default; TypedCosts::moved, a 5-field record in and out),
`width` (a record in, a long out) or `twice` (a long in and out); the last two come from a
jar named by the environment variable USER_JAR, appended to the class path, holding
    package shapes; public final class Shapes {
      public record Span(long from, long to, String label, double weight, boolean open) {}
      public static long width(Span span) { return span.to() - span.from(); }
      public static long twice(long x) { return 2 * x; } }
"""
import json
import os
import statistics
import subprocess
import sys
import time

FUNCTIONS = {
    "moved": ("invoke:STATIC io.procpool.experiments.TypedCosts::moved(Lio/procpool/experiments/TypedCosts$Point;)"
              "Lio/procpool/experiments/TypedCosts$Point;",
              [{"id": 1, "x": 0.5, "y": -0.25, "label": "p", "visible": True}]),
    "width": ("invoke:STATIC shapes.Shapes::width(Lshapes/Shapes$Span;)J",
              [{"from": 1, "to": 9, "label": "s", "weight": 0.5, "open": True}]),
    "twice": ("invoke:STATIC shapes.Shapes::twice(J)J", [21]),
}


def one(command, task, argument):
    worker = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def call(request_id, name, value):
        line = json.dumps({"type": "run", "id": request_id, "task": name, "args": [value]}).encode() + b"\n"
        start = time.perf_counter()
        worker.stdin.write(line)
        worker.stdin.flush()
        answer = json.loads(worker.stdout.readline())
        millis = (time.perf_counter() - start) * 1000
        outcome = answer["results"][0]
        if "error" in outcome:
            raise SystemExit(f"{name} failed: {outcome['error']}")
        return millis, outcome["micros"] / 1000

    worker.stdout.readline()  # the hello
    call(1, "noop", 0)
    noop, _ = call(2, "noop", 1)
    typed, own = call(3, task, argument)
    worker.stdin.close()
    worker.wait()
    return typed - noop, own


def main():
    rounds = int(sys.argv[1])
    function = os.environ.get("FN", "moved")
    task, argument = FUNCTIONS[function]
    builds = []
    for spec in sys.argv[2:]:
        label, path = spec.split("=", 1)
        with open(path) as file:
            command = file.readline().split()
        if function != "moved":
            at = command.index("-cp") + 1
            if "USER_JAR" not in os.environ:
                raise SystemExit(f"FN={function} needs USER_JAR, the jar of shapes.Shapes (see the usage)")
            command[at] += ":" + os.environ["USER_JAR"]
        builds.append((label, command))
    results = {label: [] for label, _ in builds}
    for round_number in range(rounds):
        for label, command in builds if round_number % 2 == 0 else builds[::-1]:
            results[label].append(one(command, task, json.dumps(argument, separators=(",", ":"))))
    for label, rows in results.items():
        extra = [row[0] for row in rows]
        print(f"{label} {function}: typed over noop median {statistics.median(extra):.1f} ms (the call's own "
              f"median {statistics.median([row[1] for row in rows]):.1f} ms), rounds "
              + ", ".join(f"{value:.1f}" for value in extra))


if __name__ == "__main__":
    main()
