#!/usr/bin/env python3
"""CPU time, wall time and peak memory of `isnad check CORPUS`, for several builds side by side in one run.

  python3 bench/check_bench.py CORPUS_DIR [--runs N] NAME=COMMAND [NAME=COMMAND ...]

Each COMMAND is an isnad binary with optional environment settings before it, e.g.

  python3 bench/check_bench.py ../antc/ant --runs 3 \\
      before=../pretagger/target/release/isnad \\
      rules="ISNAD_TAGGER=off target/release/isnad" \\
      tagger=target/release/isnad

The runs are interleaved (before, rules, tagger, before, rules, ...), so that a change in the machine's load
touches every build alike. For each build it prints the median and the minimum of user+system CPU seconds and of
wall seconds, and the largest peak resident memory (from wait4's rusage), then the ratio of each build's median
CPU and peak memory to the first one's. The output of `check` is discarded; its exit status (1 when it finds
something) is not a failure. Standard library only. A benchmark, not a test.
"""
import os
import shlex
import statistics
import sys
import time


def parse(argv):
    runs, builds, corpus = 3, [], None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--runs":
            runs = int(argv[i + 1])
            i += 2
            continue
        if corpus is None:
            corpus = a
        elif "=" in a:
            builds.append(tuple(a.split("=", 1)))
        else:
            sys.exit("a build is NAME=COMMAND, not %r" % a)
        i += 1
    if corpus is None or not builds:
        sys.exit(__doc__)
    return corpus, runs, builds


def main():
    corpus, runs, builds = parse(sys.argv[1:])
    results = {name: {"cpu": [], "wall": [], "rss": []} for name, _ in builds}
    for r in range(runs):
        for name, command in builds:
            words = shlex.split(command)
            env = dict(os.environ)
            while words and "=" in words[0]:
                k, v = words.pop(0).split("=", 1)
                env[k] = v
            start = time.monotonic()
            pid = os.posix_spawnp(words[0], words + ["check", corpus], env,
                                  file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
            _, status, usage = os.wait4(pid, 0)
            wall = time.monotonic() - start
            code = os.waitstatus_to_exitcode(status)
            if code not in (0, 1):
                sys.exit("%s exited with %d" % (name, code))
            res = results[name]
            res["cpu"].append(usage.ru_utime + usage.ru_stime)
            res["wall"].append(wall)
            res["rss"].append(usage.ru_maxrss / 1024)
            print("run %d %-10s cpu %6.2f s  wall %6.2f s  peak %6.0f MB" % (r + 1, name, res["cpu"][-1], wall,
                                                                            res["rss"][-1]), flush=True)
    first = builds[0][0]
    base_cpu = statistics.median(results[first]["cpu"])
    base_rss = max(results[first]["rss"])
    print("\n| build | CPU s median (min) | wall s median (min) | peak MB | CPU × | memory × |")
    print("|---|---|---|---|---|---|")
    for name, _ in builds:
        res = results[name]
        cpu, wall, rss = statistics.median(res["cpu"]), statistics.median(res["wall"]), max(res["rss"])
        print("| %s | %.2f (%.2f) | %.2f (%.2f) | %.0f | %.2f | %.2f |" % (
            name, cpu, min(res["cpu"]), wall, min(res["wall"]), rss, cpu / base_cpu, rss / base_rss))


if __name__ == "__main__":
    main()
