#!/usr/bin/env python3
"""Kill test of the CLI's writes (issue 9, "Writes are safe"; io/file.h).

    kill_writes.py --arlab build/arlab [--runs 25] [--seed 9]

Runs writing commands (`generate -o`, `export --json -o`, `export --ledger -o`, books of
~17 MB) into one target file, each killed with SIGKILL after a random delay, and checks
after every run:

- the target is byte for byte the content it had before or the command's complete output
  (a run that ends by itself must have exit code 0 and the new content);
- the target keeps its mode 0600;
- the folder holds, besides the target, at most one file, an arlab temporary
  (`.NAME.arlab-tmp-` + 16 hex digits): only the last killed writer's, since every write
  first removes those of dead writers;
- after a final run that completes, the folder holds the target alone.

None of this depends on where a kill lands. Where they land: a third of the delays are
spread over the whole command (measured first); the others start when the command has a
file of the target's folder open (its temporary, seen in /proc/PID/fd: the write has begun)
and are spread over the rest, the write, fsync, link and rename, which take ~10% of the
time. The whole is done twice: with the unnamed temporary (O_TMPFILE: a kill leaves a file
only between link and rename) and with the named one (ARLAB_NO_TMPFILE=1: a kill during
the write leaves one). Consecutive commands write different contents, so "old" and "new"
differ. Seeded; prints how the kills fell.
"""
import argparse
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

TEMP_RE = re.compile(r"^\..+\.arlab-tmp-[0-9a-f]{16}$")
BOOK = ["--customers", "1000", "--months", "24"]  # ~17 MB of JSON.
TARGET_MODE = 0o600


def jobs(inputs):
    """Commands whose outputs, taken in order and round, differ from one to the next."""
    a, b = inputs
    return [
        ["generate", "--seed", "1", *BOOK],
        ["export", b, "--ledger"],
        ["export", a, "--json"],  # The same bytes as `generate --seed 1`: canonical.
        ["generate", "--seed", "2", *BOOK],
        ["export", a, "--ledger"],
        ["export", b, "--json"],
    ]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def wait_for_write(proc, folder):
    """Waits until PROC has a file of FOLDER open (its temporary) or ends; True if seen."""
    fd_dir = f"/proc/{proc.pid}/fd"
    while proc.poll() is None:
        try:
            for fd in os.listdir(fd_dir):  # The folder itself reads as FOLDER, no slash.
                if os.readlink(os.path.join(fd_dir, fd)).startswith(folder + "/"):
                    return True
        except OSError:
            pass  # A file closed meanwhile, or the process ended.
        time.sleep(0.0002)
    return False


def run_to_end(arlab, job, out, env):
    """Seconds the whole command takes, and from the opening of its temporary to the end."""
    started = time.monotonic()
    proc = subprocess.Popen(arlab + job + ["-o", out], env=env)
    seen = wait_for_write(proc, os.path.dirname(out))
    writing = time.monotonic()
    if proc.wait() != 0:
        raise SystemExit(f"{shlex.join(arlab + job)}: exit code {proc.returncode}")
    ended = time.monotonic()
    return ended - started, (ended - writing if seen else 0.0)


def prepare(arlab, tmp, env):
    """The input books, and each job's complete output and durations."""
    inputs = [os.path.join(tmp, "a.json"), os.path.join(tmp, "b.json")]
    for seed, path in zip(("1", "2"), inputs):
        run_to_end(arlab, ["generate", "--seed", seed, *BOOK], path, env)
    os.mkdir(os.path.join(tmp, "expected"))  # Apart from the inputs that exports open.
    expected, seconds = [], []
    for i, job in enumerate(jobs(inputs)):
        out = os.path.join(tmp, "expected", str(i))
        seconds.append(run_to_end(arlab, job, out, env))
        expected.append(read(out))
        os.remove(out)
    for i in range(len(expected)):
        assert expected[i] != expected[(i + 1) % len(expected)], f"jobs {i} and {i + 1} agree"
    return jobs(inputs), expected, seconds


def check_folder(folder, target, old, new, errors, where):
    """Returns the temporaries left; records every broken rule in ERRORS."""
    content = read(target)
    if content not in (old, new):
        errors.append(f"{where}: torn target ({len(content)} bytes, neither old nor new)")
    mode = os.stat(target).st_mode & 0o7777
    if mode != TARGET_MODE:
        errors.append(f"{where}: target mode {mode:o}, expected {TARGET_MODE:o}")
    others = sorted(set(os.listdir(folder)) - {os.path.basename(target)})
    strangers = [name for name in others if not TEMP_RE.match(name)]
    if strangers:
        errors.append(f"{where}: unexpected files {strangers}")
    if len(others) > 1:
        errors.append(f"{where}: {len(others)} temporaries left: {others}")
    return content, others


def kill_runs(arlab, env, plan, runs, rng, label, errors):
    job_list, expected, seconds = plan
    with tempfile.TemporaryDirectory(prefix="arlab-kill-") as folder:
        target = os.path.join(folder, "out")
        with open(target, "wb") as f:
            f.write(b"the old content\n")
        os.chmod(target, TARGET_MODE)
        old = read(target)
        killed = completed = changed = left = 0
        for run in range(runs + 1):
            i = run % len(job_list)
            final = run == runs  # The last run completes: it must clean up.
            proc = subprocess.Popen(arlab + job_list[i] + ["-o", target], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if not final:
                whole, writing = seconds[i]
                if rng.random() < 1 / 3:
                    time.sleep(rng.uniform(0.0, whole * 1.1))
                else:
                    delay = rng.uniform(0.0, writing * 1.2)
                    if wait_for_write(proc, folder):
                        time.sleep(delay)
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            where = f"{label} run {run} ({' '.join(job_list[i][:2])})"
            if proc.returncode == -signal.SIGKILL:
                killed += 1
            elif proc.returncode != 0:
                errors.append(f"{where}: exit code {proc.returncode}: {err.decode()[:300]}")
            else:
                completed += 1
            # A run that ended by itself must have written; a killed one may have or not.
            must_be_new = proc.returncode == 0
            content, temps = check_folder(folder, target, b"" if must_be_new else old,
                                          expected[i], errors, where)
            changed += content != old
            left += len(temps) > 0
            old = content
        if temps:  # The last run completed, so its content is the new one (checked above).
            errors.append(f"{label}: after a complete write, temporaries remain: {temps}")
    print(f"{label}: {runs} runs: {killed} killed, {completed} completed by themselves; "
          f"the target changed {changed} times; a temporary was left {left} times")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arlab", required=True, help="how to run arlab, e.g. 'build/arlab'")
    parser.add_argument("--runs", type=int, default=25, help="killed runs per temporary kind")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    arlab = shlex.split(args.arlab)
    rng = random.Random(args.seed)
    errors = []
    with tempfile.TemporaryDirectory(prefix="arlab-kill-inputs-") as tmp:
        base_env = dict(os.environ)
        base_env.pop("ARLAB_NO_TMPFILE", None)
        plan = prepare(arlab, tmp, base_env)
        print("seconds (whole command / from the temporary on): " +
              ", ".join(f"{whole:.2f}/{writing:.3f}" for whole, writing in plan[2]))
        for label, named in (("unnamed temporary", "0"), ("named temporary", "1")):
            env = dict(base_env, ARLAB_NO_TMPFILE=named)
            kill_runs(arlab, env, plan, args.runs, rng, label, errors)
    for error in errors:
        print("FAIL " + error)
    print(f"{'0 failed' if not errors else f'{len(errors)} failed'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
