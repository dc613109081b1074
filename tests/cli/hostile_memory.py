#!/usr/bin/env python3
"""Hostile files cost little memory and get short messages (issue 9): peak memory, not time.

Each case writes a hostile input into a temporary folder (deleted afterwards; nothing big is
committed), runs one arlab command on it, and requires exit code 1, a standard error under
1 KB that never shows nlohmann's own text ("[json.exception"), and a peak resident memory of
the arlab process (its own rusage, os.wait4) under a bound:

- a book ending in a string that never closes, 64 MiB: at most 3 x the file + 64 MiB
  (before the fix: about 10 x the file, and the whole string in the message);
- a book, a commission plan, a paid statement and a CSV mapping nested 100,000 levels deep:
  at most 64 MiB each (before: the plan reader took 17.8 GB for 100,000 levels);
- a number of a million digits in each of the four readers: at most 64 MiB, the message cut.

    hostile_memory.py --arlab build/arlab --books tests/cli/books
"""
import argparse
import os
import subprocess
import sys
import tempfile

MIB = 1024 * 1024
SMALL_MAX = 64 * MIB
STDERR_MAX = 1024


def run(argv, cwd):
    """Exit code, the size and first 4 KiB of standard error, and the peak resident bytes of
    one arlab process (this one reads no more, so that it stays small: a child's peak counts
    its parent's memory before exec)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        size = os.fstat(err.fileno()).st_size
        err.seek(0)
        return proc.returncode, size, err.read(4096), usage.ru_maxrss * 1024  # KiB -> bytes


def check(name, argv, cwd, rss_max):
    code, err_size, err, rss = run(argv, cwd)
    problems = []
    if code != 1:
        problems.append(f"exit code {code}, expected 1")
    if err_size >= STDERR_MAX:
        problems.append(f"standard error is {err_size} bytes, expected under {STDERR_MAX}")
    if b"[json.exception" in err:
        problems.append("standard error shows nlohmann's own message")
    if rss > rss_max:
        problems.append(f"peak memory {rss / MIB:.1f} MiB, expected at most {rss_max / MIB:.1f}")
    print(f"{'FAIL' if problems else 'ok  '} {name}: {rss / MIB:.1f} MiB, "
          f"{err_size} bytes: {err[:160].decode('utf-8', 'replace').rstrip()}")
    for p in problems:
        print(f"     {p}")
    return not problems


def write(path, *parts):
    """Writes the parts; (char, count) is that character repeated, written 1 MiB at a time
    (this process stays small)."""
    with open(path, "w", encoding="utf-8") as f:
        for part in parts:
            if isinstance(part, str):
                f.write(part)
                continue
            char, count = part
            chunk = char * MIB
            for _ in range(count // MIB):
                f.write(chunk)
            f.write(char * (count % MIB))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arlab", required=True)
    parser.add_argument("--books", required=True, help="tests/cli/books (book, plan, CSV)")
    args = parser.parse_args()
    arlab = os.path.abspath(args.arlab)
    books = os.path.abspath(args.books)
    book = os.path.join(books, "commission.json")
    plan = os.path.join(books, "plan-cash.json")
    csv = os.path.join(books, "import-us.csv")
    heads = {
        "book": '{"format": "arlab-book/1", "currency": "USD", "x": ',
        "plan": '{"format": "arlab-commission-plan/1", "name": "x", "rate": "5%", "x": ',
        "paid": '{"format": "arlab-commission/1", "from": "2025-01-01", "to": "2025-01-31", '
                '"x": ',
        "map": '{"format": "arlab-csv-map/1", "x": ',
    }

    def command(kind, path, tmp):
        if kind == "book":
            return [arlab, "check", path]
        if kind == "plan":
            return [arlab, "commission", book, "--plan", path]
        if kind == "paid":
            return [arlab, "commission", book, "--plan", plan, "--paid", path]
        return [arlab, "import-csv", csv, "--map", path, "-o", os.path.join(tmp, "out.json")]

    ok = True
    with tempfile.TemporaryDirectory(prefix="arlab-hostile-") as tmp:
        size = 64 * MIB
        path = write(os.path.join(tmp, "unclosed.json"), heads["book"], '"', ("a", size))
        file_size = os.path.getsize(path)
        ok = check("book, a 64 MiB string never closed", command("book", path, tmp), tmp,
                   3 * file_size + 64 * MIB) and ok
        os.remove(path)
        levels = 100_000
        for kind, head in heads.items():
            path = write(os.path.join(tmp, kind + "-deep.json"), head, ("[", levels),
                         ("]", levels), "}\n")
            ok = check(f"{kind}, nested {levels} levels", command(kind, path, tmp), tmp,
                       SMALL_MAX) and ok
            path = write(os.path.join(tmp, kind + "-digits.json"), head, "1", ("0", 1_000_000),
                         "}\n")
            ok = check(f"{kind}, a number of a million digits", command(kind, path, tmp), tmp,
                       SMALL_MAX) and ok
    print("all passed" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
