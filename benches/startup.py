#!/usr/bin/env python3
"""Start-up to first frame and peak memory of gapdash, measured from outside.

Runs the binary in a pseudo-terminal (100x30, TERM=xterm-256color) RUNS times and reports
the time from fork until the first frame's headline figure ("76.4") has been written, and
the process's peak resident memory (VmHWM from /proc/PID/status, read while it is still
running, after the first frame). For scale, the same is measured for `/bin/echo 76.4`.

    cargo build --release && python3 benches/startup.py [RUNS] [OTHER_GAPDASH ...]

Runs are interleaved (echo, gapdash, any other builds named, echo, …), so a machine that
slows down or speeds up during the measurement affects all of them alike. The last line
gives gapdash's median as a multiple of echo's. Other builds (an older gapdash, say) are
measured the same way, for before/after comparisons in one run.
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("GAPDASH_BINARY") or os.path.join(ROOT, "target", "release", "gapdash")
MARKER = b"76.4"


def run_once(argv):
    """(milliseconds to the marker, peak RSS in kB or None) for one run of argv."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        # The child: size the terminal before the program asks for it, then exec.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        os.environ.pop("LC_ALL", None)
        os.environ.pop("NO_COLOR", None)
        os.execv(argv[0], argv)
    out = b""
    elapsed = None
    deadline = start + 5
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if elapsed is None and MARKER in out:
            elapsed = (time.perf_counter() - start) * 1000
            break
    peak = None
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1])
    except OSError:
        pass
    try:
        os.write(fd, b"q")
    except OSError:
        pass
    # Drain until the child closes the terminal, then reap it.
    while True:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        raise SystemExit(f"{argv[0]}: no {MARKER!r} within 5 s; output: {out[-300:]!r}")
    return elapsed, peak


def summary(name, times, peaks):
    times = sorted(times)
    line = (
        f"{name}: start to first frame median {statistics.median(times):.2f} ms, "
        f"min {times[0]:.2f} ms, p90 {times[max(int(len(times) * 0.9) - 1, 0)]:.2f} ms over {len(times)} runs"
    )
    if peaks:
        line += f"; peak RSS median {statistics.median(peaks) / 1024:.2f} MiB, max {max(peaks) / 1024:.2f} MiB"
    print(line)
    return statistics.median(times)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    if not os.path.exists(BINARY):
        raise SystemExit("build first: cargo build --release")
    programs = [("/bin/echo", ["/bin/echo", "76.4"]), ("gapdash", [BINARY])]
    programs += [(other, [other]) for other in sys.argv[2:]]
    times = {name: [] for name, _ in programs}
    peaks = {name: [] for name, _ in programs}
    for _ in range(runs):
        for name, argv in programs:
            elapsed, peak = run_once(argv)
            times[name].append(elapsed)
            if peak is not None and name != "/bin/echo":
                peaks[name].append(peak)
    medians = {name: summary(name, times[name], peaks[name]) for name, _ in programs}
    for name, _ in programs[1:]:
        print(f"{name}: first frame at {medians[name] / medians['/bin/echo']:.2f}x echo's median")


if __name__ == "__main__":
    main()
