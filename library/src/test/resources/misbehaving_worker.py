"""A worker that breaks docs/protocol.md on purpose, one way per mode, for the pool's tests.

Usage: python3 misbehaving_worker.py MODE [MARKER]. With MARKER, a file that does not exist yet,
only the first worker (which creates it) misbehaves; later ones behave. It answers "noop" requests with their argument;
answers it sends after its violation carry the argument plus 1000, so a test can tell them
apart if the coordinator ever took one.
"""
import json
import os
import sys
import time

mode = sys.argv[1]
if len(sys.argv) > 2:
    if os.path.exists(sys.argv[2]):
        mode = "well-behaved"
    else:
        open(sys.argv[2], "w").close()
out = sys.stdout


def send(message):
    out.write(json.dumps(message, separators=(",", ":")) + "\n")
    out.flush()


def hello(**fields):
    message = {"type": "hello", "protocol": 1, "pid": os.getpid(), "runtime": "python-misbehaving",
               "inFlight": 8}
    message.update(fields)
    send(message)


def answer(request, offset=0):
    results = [{"ok": True, "value": arg + offset, "startedAt": 0, "micros": 1} for arg in request["args"]]
    send({"type": "done", "id": request["id"], "thread": "main", "results": results})


if mode == "silent":  # never says hello and never reads its input
    time.sleep(600)
    sys.exit(0)
if mode == "hello-inflight-0":
    hello(inFlight=0)
elif mode == "hello-without-pid":
    send({"type": "hello", "protocol": 1, "runtime": "python-misbehaving", "inFlight": 1})
elif mode == "done-before-hello":
    send({"type": "done", "id": 1, "thread": "main", "results": []})
elif mode == "invalid-before-hello":
    send({"type": "invalid", "message": "nothing was sent yet", "line": ""})
else:
    hello()

answered = 0
violated = False
lines = iter(sys.stdin)
held = None  # a request read ahead, handled next
while True:
    line, held = (held, None) if held is not None else (next(lines, None), None)
    if line is None:
        break
    request = json.loads(line)
    answered += 1
    if violated:
        answer(request, offset=1000)
    elif mode == "duplicate-done" and answered == 3:
        # Wait for the next request first (the pool keeps at least two in flight), so that the
        # duplicate surely comes while one is outstanding: that one must then fail or be retried.
        held = next(lines, None)
        answer(request)
        answer(request)  # the same id again
        violated = True
    elif mode == "second-hello" and answered == 3:
        answer(request)
        hello()
        violated = True
    elif mode == "invalid" and answered == 3:
        send({"type": "invalid", "message": "cannot read this request", "line": line[:50]})
        sys.exit(65)
    else:
        answer(request)
