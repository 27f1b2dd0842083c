#!/usr/bin/env python3
"""A gateway forwarding checkpoint devices to ingest, as the load of `./cordon bench gateway`.

It costs what a real client costs: it builds every body with json.dumps and speaks HTTP/1.1 over keep-alive
connections from Python's asyncio, in a process of its own, on the same cores as the stack. The load is open: a
request is sent when it is due (`rate` arrivals a second in batches of `batch`), whatever the answers before it, as
devices behind a gateway keep posting; up to `connections` requests are in flight at once.

usage: gateway_load.py INGEST_URL TOKEN SECONDS RATE BATCH PREFIX CHECKPOINTS [CONNECTIONS]

Prints one line: accepted <n> first-post-ms <epoch ms> failed <n> slowest-ms <ms> cpu-ms <ms> refused <n>
p95-ms <ms> offered <n> late <n> (`refused`: requests answered 503 or 429, whose arrivals were not stored; `late`:
requests sent more than a second after they were due, because every connection was busy).
"""
import asyncio
import json
import resource
import sys
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

SHANGHAI = timezone(timedelta(hours=8))


def arrival(prefix, n, checkpoints):
    return {
        "event_id": f"{prefix}{n}",
        "checkpoint_id": "CK-%03d" % (n % checkpoints),
        "occurred_at": datetime.now(SHANGHAI).replace(microsecond=0).isoformat(),
        "direction": "in",
        "vehicle": {"plate": "沪A%05d" % (n % 100000), "kind": "car"},
        "persons": [{"temperature_c": 36.5, "origin_province": "上海"}, {"temperature_c": 36.7}],
        "decision": "admitted",
    }


class Totals:
    def __init__(self):
        self.accepted = 0
        self.failed = 0
        self.refused = 0
        self.late = 0
        self.offered = 0
        self.latencies = []
        self.first_post_ms = 0


async def post(reader, writer, host, path, token, body):
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    writer.write(head + body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    answer = await reader.readexactly(length) if length else b""
    return status, answer


async def worker(url, token, batch, prefix, checkpoints, start, end, rate, sequence, totals):
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname, parts.port or 80
    reader = writer = None
    while True:
        n = sequence[0]
        sequence[0] += batch
        due = start + n / rate
        if due >= end:
            break
        wait = due - time.time()
        if wait > 0:
            await asyncio.sleep(wait)
        elif wait < -1:
            totals.late += 1
        body = json.dumps([arrival(prefix, n + i, checkpoints) for i in range(batch)], ensure_ascii=False).encode()
        totals.offered += batch
        t0 = time.time()
        if not totals.first_post_ms:
            totals.first_post_ms = int(t0 * 1000)
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            status, answer = await post(reader, writer, f"{host}:{port}", "/api/v1/checkpoint-events", token, body)
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            totals.failed += 1
            writer = None
            continue
        totals.latencies.append(time.time() - t0)
        if status == 202:
            totals.accepted += json.loads(answer)["accepted"]
        elif status in (429, 503):
            totals.refused += 1
        else:
            totals.failed += 1


async def main():
    url, token, seconds, rate, batch, prefix, checkpoints = sys.argv[1:8]
    connections = int(sys.argv[8]) if len(sys.argv) > 8 else 512
    seconds, rate, batch, checkpoints = int(seconds), float(rate), int(batch), int(checkpoints)
    totals = Totals()
    start = time.time() + 0.5
    end = start + seconds
    sequence = [0]
    await asyncio.gather(*[worker(url, token, batch, prefix, checkpoints, start, end, rate, sequence, totals)
                           for _ in range(connections)])
    latencies = sorted(totals.latencies) or [0.0]
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_ms = int((usage.ru_utime + usage.ru_stime) * 1000)
    print(f"accepted {totals.accepted} first-post-ms {totals.first_post_ms} failed {totals.failed + totals.refused} "
          f"slowest-ms {int(latencies[-1] * 1000)} cpu-ms {cpu_ms} refused {totals.refused} "
          f"p95-ms {int(p95 * 1000)} offered {totals.offered} late {totals.late}", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
