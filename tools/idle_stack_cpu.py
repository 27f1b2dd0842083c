#!/usr/bin/env python3
"""What an idle stack costs: the whole stack as a whole-stack test starts it (C1 alone, the dashboard refreshing every
0.2 s, Flink checkpoints every 2 s, no feed), each thread's CPU read from /proc over a window, summed by thread name.
The figure of docs/BENCHMARKS.md's "The test suite" (23 % of a core before `e01f45a`, 15 % after). Linux only; the
jars built (`./cordon run` or `mvn install -DskipTests` first).

usage: python3 tools/idle_stack_cpu.py [SECONDS]   (default 30, after 45 s for the stack to settle)
"""
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "local-stack", "target", "local-stack-0.1.0-SNAPSHOT.jar")


def threads(pid):
    """Each thread's name and its user and system CPU, in clock ticks."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[tid] = (name, int(fields[11]), int(fields[12]))
    return out


def main():
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory(prefix="cordon-idle-") as data:
        env = dict(os.environ,
                   CORDON_DATA_DIR=data, CORDON_INGEST_PORT="0", CORDON_DASHBOARD_PORT="0",
                   CORDON_ID_HASH_KEY="idle-stack-key-0123456789", CORDON_INGEST_TOKENS="test-token-0123456789",
                   CORDON_DASHBOARD_REFRESH="PT0.2S", CORDON_CHECKPOINT_INTERVAL="PT2S")
        stack = subprocess.Popen(
            ["java", "-Xmx2g", "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=cordon-stack-log4j2.xml",
             f"-Dcordon.log.dir={data}/logs", "-jar", JAR, "run"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        try:
            time.sleep(45)
            before = threads(stack.pid)
            time.sleep(seconds)
            after = threads(stack.pid)
        finally:
            stack.terminate()
            stack.wait(60)
    hz = os.sysconf("SC_CLK_TCK")
    by_name, user, system = {}, 0, 0
    for tid, (name, u, s) in after.items():
        _, u0, s0 = before.get(tid, (name, 0, 0))
        user += u - u0
        system += s - s0
        key = re.sub(r"[-_ #]?\d+$", "", name)
        by_name[key] = by_name.get(key, 0) + (u - u0) + (s - s0)
    total = user + system
    print(f"idle stack: {100.0 * total / hz / seconds:.1f} % of a core over {seconds} s "
          f"(user {user / hz:.1f} s, system {system / hz:.1f} s; the stack's JVM, not its ClickHouse)")
    for name, ticks in sorted(by_name.items(), key=lambda e: -e[1])[:12]:
        print(f"  {ticks / hz:6.2f} s  {name}")


if __name__ == "__main__":
    main()
