#!/usr/bin/env python3
"""Key to screen: how long gapdash takes from a key's arrival to the end of the redraw it
causes, measured from outside in a pseudo-terminal, and how many bytes the redraw writes.

Runs the release binary in a 100x30 pty (TERM=xterm-256color, a UTF-8 locale), waits for the
first frame, then types view-switching keys ('2' and '1' in turn, by default) one at a time.
For each key it times from the write of the key to the end of the frame gapdash writes in
answer, which it recognises exactly: every frame ends with the end of a synchronized update
(ESC [ ? 2026 l). It also counts the write(2) calls a frame took when run under strace
(--strace), which must be one.

    cargo build --release && python3 benches/keys.py [ROUNDS] [--keys 2,1] [--strace] [--idle S]
        [--floor] [--other OLD_BINARY] [--args 'ARGS FOR GAPDASH'] [--gap SECONDS]

With --floor and --other, the programs are measured in turn, a fifth of the rounds at a
time (gapdash, the other build, the floor, gapdash, …), so a machine that slows down or
speeds up during the measurement affects all of them alike.
"""

import argparse
import fcntl
import os
import pty
import select
import statistics
import subprocess
import struct
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("GAPDASH_BINARY") or os.path.join(ROOT, "target", "release", "gapdash")
FRAME_END = b"\x1b[?2026l"


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        os.environ.pop("LC_ALL", None)
        os.environ.pop("NO_COLOR", None)
        os.execvp(argv[0], argv)
    return pid, fd


def read_until(fd, marker, deadline):
    """Bytes read until `marker` is in them, or None at the deadline."""
    out = b""
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            out += chunk
            if marker in out:
                return out
    return None


def launch(argv):
    """(pid, pty) of `argv` in a pty, once its first frame is drawn and read."""
    pid, fd = spawn(argv)
    if read_until(fd, FRAME_END, time.perf_counter() + 10) is None:
        raise SystemExit("no first frame within 10 s")
    time.sleep(0.3)
    while select.select([fd], [], [], 0.05)[0]:
        os.read(fd, 65536)
    return pid, fd


def stop(pid, fd):
    """Quits the program with q and waits for it."""
    os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


GAP = 0.02


def measure(argv, keys, rounds):
    """(milliseconds per key, bytes per key) for `rounds` keys, GAP seconds apart."""
    pid, fd = launch(argv)
    times, sizes = [], []
    for i in range(rounds):
        key = keys[i % len(keys)]
        # Whatever came meanwhile (a timer's frame in presentation mode) is not the key's.
        while select.select([fd], [], [], 0)[0]:
            os.read(fd, 65536)
        start = time.perf_counter()
        os.write(fd, key)
        out = read_until(fd, FRAME_END, start + 5)
        if out is None:
            raise SystemExit(f"no frame after key {key!r}")
        times.append((time.perf_counter() - start) * 1000)
        sizes.append(len(out))
        time.sleep(GAP)
    stop(pid, fd)
    return times, sizes


def idle(argv, seconds):
    """(bytes written, CPU clock ticks used, peak RSS in kB) while the dashboard sits for
    `seconds` after its first frame, with no key pressed."""
    pid, fd = launch(argv)

    def ticks():
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    before = ticks()
    written = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if select.select([fd], [], [], 0.1)[0]:
            written += len(os.read(fd, 65536))
    used = ticks() - before
    peak = next(
        int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM:")
    )
    stop(pid, fd)
    return written, used, peak


def interleaved(programs, keys, rounds):
    """{name: (times, sizes)} for each (name, argv), measured a fifth of the rounds at a time
    in turn."""
    results = {name: ([], []) for name, _ in programs}
    chunk = max(rounds // 5, 1)
    done = 0
    while done < rounds:
        n = min(chunk, rounds - done)
        for name, argv in programs:
            if name == "floor":
                # The floor's frames as large as gapdash's were for these keys so far.
                argv = argv + [str(int(statistics.median(results["gapdash"][1])))]
            times, sizes = measure(argv, keys, n)
            results[name][0].extend(times)
            results[name][1].extend(sizes)
        done += n
    return results


def writes_per_frame(binary, keys, rounds):
    """Under strace: (write(2) calls to the terminal, frames among them, writes that are
    neither a whole frame nor the terminal's set-up and restore)."""
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "strace.log")
        measure(["strace", "-f", "-e", "trace=write", "-s", "12", "-o", log, binary], keys, rounds)
        lines = [l for l in open(log).read().splitlines() if "write(1, " in l]
    frames = [l for l in lines if '"\\33[?2026h' in l]
    # The first write enters the alternate screen; the last restores the terminal.
    stray = [l for l in lines[1:-1] if l not in frames]
    return len(lines), len(frames), stray


def main():
    global GAP
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", nargs="?", type=int, default=40)
    parser.add_argument("--keys", default="2,1")
    parser.add_argument("--binary", default=BINARY)
    parser.add_argument("--strace", action="store_true")
    parser.add_argument("--floor", action="store_true",
                        help="also time benches/pty_floor.c (built with cc), the same keys in turn")
    parser.add_argument("--other", metavar="BINARY",
                        help="also time another build (an older gapdash), interleaved")
    parser.add_argument("--gap", type=float, default=GAP, metavar="SECONDS",
                        help="time between keys (default 0.02); a presenter's keys are "
                        "seconds apart")
    parser.add_argument("--args", default="", metavar="ARGS",
                        help="arguments for gapdash and the other build, as one string "
                        "(--args '--view quotes' for the quote keys)")
    parser.add_argument("--idle", type=float, metavar="SECONDS",
                        help="also sit idle this long after the first frame: bytes and CPU ticks")
    args = parser.parse_args()
    GAP = args.gap
    if not os.path.exists(args.binary):
        raise SystemExit("build first: cargo build --release")
    keys = [k.encode().decode("unicode_escape").encode() for k in args.keys.split(",")]
    extra = args.args.split()
    programs = [("gapdash", [args.binary] + extra)]
    if args.other:
        programs.append(("other", [args.other] + extra))
    tmp = tempfile.TemporaryDirectory()
    if args.floor:
        floor = os.path.join(tmp.name, "pty_floor")
        subprocess.run(["cc", "-O2", "-o", floor, os.path.join(ROOT, "benches", "pty_floor.c")],
                       check=True)
        programs.append(("floor", [floor]))
    results = interleaved(programs, keys, args.rounds)
    times, sizes = results["gapdash"]
    times = sorted(times)
    print(
        f"{os.path.relpath(args.binary, ROOT)}: key to end of frame median {statistics.median(times):.3f} ms, "
        f"min {times[0]:.3f} ms, p90 {times[max(int(len(times) * 0.9) - 1, 0)]:.3f} ms over {len(times)} keys; "
        f"{int(statistics.median(sizes))} bytes per frame (median)"
    )
    if args.other:
        other_times, other_sizes = results["other"]
        print(
            f"{args.other}: median {statistics.median(other_times):.3f} ms, min {min(other_times):.3f} ms "
            f"over {len(other_times)} keys; {int(statistics.median(other_sizes))} bytes per frame"
        )
    if args.floor:
        floor_times, floor_sizes = results["floor"]
        floor_median = statistics.median(floor_times)
        print(
            f"floor (benches/pty_floor.c, a {int(statistics.median(floor_sizes))}-byte frame per key, no work): "
            f"median {floor_median:.3f} ms, min {min(floor_times):.3f} ms over {len(floor_times)} keys; "
            f"gapdash adds {statistics.median(times) - floor_median:.3f} ms, "
            f"{statistics.median(times) / floor_median:.2f}× the floor"
        )
    tmp.cleanup()
    if args.strace:
        total, frames, stray = writes_per_frame(args.binary, keys, 10)
        print(
            f"under strace, 10 keys: {total} write(2) calls to the terminal, {frames} of them "
            f"whole frames (each one write, inside a synchronized update), {len(stray)} other"
        )
        for line in stray:
            print(f"  not a whole frame: {line}")
    if args.idle:
        written, used, peak = idle([args.binary], args.idle)
        hz = os.sysconf("SC_CLK_TCK")
        print(
            f"idle {args.idle:g} s after the first frame: {written} bytes written, {used} CPU "
            f"clock ticks (1/{hz} s) used; peak RSS {peak / 1024:.2f} MiB"
        )


if __name__ == "__main__":
    main()
