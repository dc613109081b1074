#!/usr/bin/env python3
"""Golden tests of the `arlab` command line, in the style of ledger's test/baseline.

A NAME.test file holds blocks; each block runs one command and compares its exact output:

    # comments start with '#' outside blocks
    test aging books/basic.json --format csv      <- arlab arguments; `-> N`: exit code N
    expected standard output, line by line
    __ERROR__                                     <- optional: expected standard error
    expected standard error
    end test

    run ledger -f $tmp/out.journal bal            <- any other program, same body

A block with no __ERROR__ section expects an empty standard error. A body that is exactly
`__ANY__` accepts any standard output. `$tmp` is a fresh folder per .test file; commands run
in the folder of the .test file, and
the actual output shows that folder as `$tmp` too. In `run` blocks, `$arlab` is the arlab
command as one argument (for helper scripts such as ledger_agrees.py). Exit code 0 when every block passes.

    run_tests.py --arlab "build/arlab" tests/cli/*.test
    run_tests.py --arlab "node build-web/arlab.js" tests/cli/cmd-aging.test
    run_tests.py --arlab build/arlab --error-fixture tests/errors/bad_date.json
    run_tests.py --arlab build/arlab --policy-fixture tests/errors/policies/rate_number.json
    run_tests.py --arlab build/arlab --scenario-fixture tests/errors/scenarios/*.json
"""
import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile

EXIT_RE = re.compile(r"^(.*?)\s*->\s+(\d+)\s*$")


class Block:
    def __init__(self, kind, command, exit_code, line):
        self.kind, self.command, self.exit_code, self.line = kind, command, exit_code, line
        self.stdout, self.stderr, self.in_error = [], [], False


def parse_test_file(path):
    blocks, block = [], None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if block is None:
                if not line.strip() or line.startswith("#"):
                    continue
                kind, _, rest = line.partition(" ")
                if kind not in ("test", "run"):
                    raise SystemExit(f"{path}:{number}: expected 'test' or 'run', got: {line}")
                match = EXIT_RE.match(rest)
                command, code = (match.group(1), int(match.group(2))) if match else (rest, 0)
                block = Block(kind, command, code, number)
            elif line == "end test":
                blocks.append(block)
                block = None
            elif line == "__ERROR__":
                block.in_error = True
            else:
                (block.stderr if block.in_error else block.stdout).append(line)
    if block is not None:
        raise SystemExit(f"{path}:{block.line}: block not closed with 'end test'")
    return blocks


def run(argv, cwd):
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=300)
    decode = lambda data: data.decode("utf-8", "replace")
    return proc.returncode, decode(proc.stdout), decode(proc.stderr)


def expected_text(lines):
    return "".join(line + "\n" for line in lines)


def compare(label, expected, actual):
    if expected == actual:
        return True
    diff = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                f"expected {label}", f"actual {label}")
    sys.stdout.write("".join(diff))
    if not actual.endswith("\n") and actual:
        sys.stdout.write("\n(actual output has no final newline)\n")
    return False


def run_block(block, arlab, cwd, tmp):
    command = block.command.replace("$tmp", tmp)
    command = command.replace("$arlab", shlex.quote(shlex.join(arlab)))  # One argument.
    words = shlex.split(command)
    argv = (arlab + words) if block.kind == "test" else words
    code, out, err = run(argv, cwd)
    out, err = out.replace(tmp, "$tmp"), err.replace(tmp, "$tmp")  # Expected says $tmp.
    ok = True
    if code != block.exit_code:
        print(f"exit code {code}, expected {block.exit_code}")
        ok = False
    if block.stdout != ["__ANY__"]:
        ok = compare("stdout", expected_text(block.stdout), out) and ok
    ok = compare("stderr", expected_text(block.stderr), err) and ok
    return ok


def run_test_file(path, arlab):
    cwd = os.path.dirname(os.path.abspath(path))
    blocks, failures = parse_test_file(path), 0
    with tempfile.TemporaryDirectory(prefix="arlab-cli-") as tmp:
        for block in blocks:
            if not run_block(block, arlab, cwd, tmp):
                print(f"FAIL {path}:{block.line}: {block.kind} {block.command}\n")
                failures += 1
    return len(blocks), failures


def run_fixture(path, arlab, command):
    """`arlab COMMAND...` on the malformed file NAME.json (run in its folder; `command` makes the
    arguments from NAME.json) must exit 1, print nothing on stdout and exactly NAME.err."""
    folder, name = os.path.split(os.path.abspath(path))
    with open(os.path.splitext(path)[0] + ".err", encoding="utf-8") as f:
        expected = f.read()
    code, out, err = run(arlab + command(name), folder)
    ok = compare("stderr", expected, err) and compare("stdout", "", out)
    if code != 1:
        print(f"exit code {code}, expected 1")
        ok = False
    if not ok:
        print(f"FAIL {path}")
    return 1, 0 if ok else 1


# The fixtures' commands: a malformed book (`arlab check`), a malformed simulator policy (the
# book.json beside it), a malformed training scenario.
FIXTURE_COMMANDS = {
    "error": lambda name: ["check", name],
    "policy": lambda name: ["simulate", "book.json", "--policy", name, "--runs", "1"],
    "scenario": lambda name: ["train", name, "--passive"],
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arlab", required=True, help="how to run arlab, e.g. 'node arlab.js'")
    parser.add_argument("--error-fixture", action="store_true",
                        help="the files are malformed books with a .err file beside each")
    parser.add_argument("--policy-fixture", action="store_true",
                        help="the files are malformed simulator policies with a .err file "
                             "beside each and a book.json in their folder")
    parser.add_argument("--scenario-fixture", action="store_true",
                        help="the files are malformed training scenarios with a .err file beside each")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    arlab = shlex.split(args.arlab)
    arlab[0] = os.path.abspath(arlab[0]) if os.path.exists(arlab[0]) else arlab[0]
    if len(arlab) > 1 and os.path.exists(arlab[1]):
        arlab[1] = os.path.abspath(arlab[1])  # node path/to/arlab.js
    kind = ("error" if args.error_fixture else "policy" if args.policy_fixture else
            "scenario" if args.scenario_fixture else None)
    if kind:
        results = [run_fixture(path, arlab, FIXTURE_COMMANDS[kind]) for path in args.files]
    else:
        results = [run_test_file(path, arlab) for path in args.files]
    total, failures = sum(r[0] for r in results), sum(r[1] for r in results)
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
