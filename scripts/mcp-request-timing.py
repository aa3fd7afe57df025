#!/usr/bin/env python3
"""Times large requests against `idlint mcp` over stdio, one fresh server per size.

    python3 scripts/mcp-request-timing.py .build/debug/idlint [SIZE ...]

SIZE is a byte count of the request line, with an optional k or M (decimal) suffix;
the default is 1M 4M 4.2M 8M: small, just under the 4 MiB message cap, just over it,
and twice it. For each size the script handshakes, sends one `scan` call whose line
is SIZE bytes (one inline file of 'a's, which the tool itself refuses past 1 MiB, so
the time is the transport's and the decoder's, not a scan's), and prints the seconds
until the answer, what the answer was, and whether a small call sent after it on the
same stream is still answered. Raw JSON-RPC on purpose: no client library's own
framing costs are in the numbers.
"""
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = float(os.environ.get("IDLINT_TIMING_TIMEOUT", "300"))


def parse_size(text):
    scale = {"k": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text[:-1] if scale != 1 else text) * scale)


def request_line(request_id, size):
    """A tools/call of exactly `size` bytes, newline excluded."""
    head = '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"scan","arguments":{"files":[{"name":"big.yaml","content":"' % request_id
    tail = '"}]}}}'
    return (head + "a" * (size - len(head) - len(tail)) + tail + "\n").encode()


def send(process, data):
    process.stdin.write(data)
    process.stdin.flush()


def answer(lines, request_id, deadline):
    """The next response to `request_id` (or with a null id), or None at the deadline."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        try:
            message = json.loads(lines.get(timeout=remaining))
        except queue.Empty:
            return None
        if message.get("id") in (request_id, None) and ("result" in message or "error" in message):
            return message


def describe(message):
    if message is None:
        return "no answer within %.0f s" % TIMEOUT
    if "error" in message:
        return "error %s %r (id %s)" % (message["error"].get("code"), message["error"].get("message"), json.dumps(message.get("id")))
    text = " ".join(part.get("text", "") for part in message["result"].get("content", []))
    return ("tool error: " if message["result"].get("isError") else "result: ") + text[:70]


def measure(idlint, root, size):
    process = subprocess.Popen([idlint, "mcp", "--root", root, "--log", os.devnull],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        send(process, b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"timing","version":"1"}}}\n')
        if answer(lines, 1, time.monotonic() + 30) is None:
            return size, None, "no handshake", False
        send(process, b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
        big = request_line(2, size)
        started = time.monotonic()
        # The server may stop reading while it works: write from a thread so the clock runs.
        threading.Thread(target=send, args=(process, big), daemon=True).start()
        reply = answer(lines, 2, started + TIMEOUT)
        seconds = time.monotonic() - started if reply is not None else None
        send(process, b'{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"explain_rule","arguments":{"rule":"AWS-ADMIN-POLICY"}}}\n')
        follow = answer(lines, 3, time.monotonic() + 30)
        served = follow is not None and "result" in follow and not follow["result"].get("isError")
        return size, seconds, describe(reply), served
    finally:
        process.kill()
        process.wait()


def main(arguments):
    idlint = os.path.abspath(arguments[0])
    sizes = [parse_size(text) for text in (arguments[1:] or ["1M", "4M", "4.2M", "8M"])]
    with tempfile.TemporaryDirectory() as root:
        print("%10s  %8s  %-9s  %s" % ("bytes", "seconds", "next call", "answer"))
        for size, seconds, what, served in (measure(idlint, root, size) for size in sizes):
            print("%10d  %8s  %-9s  %s" % (size, "%.2f" % seconds if seconds is not None else "-", "served" if served else "NOT served", what), flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
