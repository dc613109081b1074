#!/usr/bin/env python3
"""Checks arlab's reports on a book with hostile names (issue 9), cell by cell.

    hostile_check.py csv   "ARLAB COMMAND" COMMAND BOOK [OPTIONS...]
    hostile_check.py table "ARLAB COMMAND" COMMAND BOOK [OPTIONS...]
    hostile_check.py json  "ARLAB COMMAND" COMMAND BOOK [OPTIONS...]

csv: runs `arlab COMMAND BOOK OPTIONS` and prints its output with control characters shown
as Python escapes (`\\t`, `\\r`, `\\x1b`; a backslash as `\\\\`), so that a golden test shows
every byte. Then reads the output with Python's csv module and checks every cell by its
column (docs/FORMAT.md, "CSV output"), with its own copy of the rule:

- text columns (ids, names, labels): the cell is the text itself, or `'` + the text when
  the text starts (after spaces) with = + - @, a tab, a carriage return or a fullwidth
  ＝ ＋ － ＠. So no cell starts with a formula character, and an apostrophe stands only
  before one. Id and name columns must hold a string of the book, so rewritten this way.
- number columns: empty (null), an amount or ratio (-?digits[.digits]), a date, true or
  false; `float()` reads every amount, the negative ones included.
- every record has as many cells as the header (a line break in a name forges no row).

Prints "csv ok: R records, T text cells (P with '), N number cells (M negative)".

table: fails when the output holds a control character (C0 but the line feed, DEL, C1);
prints "table ok: N lines, no control characters".
json: the output must be strict JSON (no raw control character inside a string) whose
strings include each hostile id and name of the book exactly; prints "json ok: ...".
"""
import csv
import io
import json
import re
import shlex
import subprocess
import sys

FORMULA_START = set("=+-@\t\r\uff1d\uff0b\uff0d\uff20")

# Column names whose cells are text (written by the report from the book or as labels).
TEXT_COLUMNS = {"customer_id", "customer_name", "key", "type", "document", "applied_to",
                "salesperson", "name", "period", "passed", "failed_gates", "rule", "invoice",
                "source", "status", "note", "under_b", "month", "worst_invoice", "action",
                "owner", "todo", "hold", "step", "manual_reason"}
# Text columns that hold one string of the book (an id or a name) or a label of arlab.
BOOK_COLUMNS = {"customer_id", "customer_name", "salesperson", "name", "document", "invoice",
                "source", "key", "worst_invoice"}
LABELS = {"", "TOTAL"}
NUMBER = re.compile(r"^(-?\d+(\.\d+)?|\d{4}-\d{2}-\d{2}|true|false|)$")
MONTH = re.compile(r"^\d{4}-\d{2}$")


def formula_start(text):
    stripped = text.lstrip(" ")
    return stripped[:1] in FORMULA_START if stripped else False


def neutralised(text):
    return "'" + text if formula_start(text) else text


def is_control(c):
    """C0 but the line feed that ends a line, DEL, C1."""
    return (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F


def controls(text):
    return [c for c in text if is_control(c)]


def shown(text):
    """The text with controls (but line feeds) and backslashes escaped, as Python's repr."""
    return "".join("\\\\" if c == "\\" else repr(c)[1:-1] if is_control(c) else c
                   for c in text)


def book_strings(path):
    with open(path, encoding="utf-8") as f:
        book = json.load(f)
    strings = set()
    for kind in ("salespeople", "customers", "invoices", "payments", "credit_notes",
                 "write_offs", "refunds"):
        for doc in book.get(kind, []):
            strings.update(v for k, v in doc.items() if k in ("id", "name"))
    return strings


def check_csv(text, strings):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, errors = rows[0], []
    text_cells = prefixed = number_cells = negative = 0
    allowed = {neutralised(s) for s in strings | LABELS}
    for r, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            errors.append(f"record {r}: {len(row)} cells, the header has {len(header)}")
            continue
        for column, cell in zip(header, row):
            where = f"record {r}, {column}: {cell!r}"
            if column in TEXT_COLUMNS:
                text_cells += 1
                if formula_start(cell):
                    errors.append(f"{where}: starts with a formula character")
                if cell.startswith("'"):
                    prefixed += 1
                    if not formula_start(cell[1:]):
                        errors.append(f"{where}: an apostrophe before no formula character")
                if column in BOOK_COLUMNS and cell not in allowed and not MONTH.match(cell):
                    errors.append(f"{where}: not a string of the book, neutralised")
            else:
                number_cells += 1
                if not NUMBER.match(cell):
                    errors.append(f"{where}: not a number")
                elif cell.startswith("-"):
                    negative += 1
                    float(cell)
    for e in errors:
        print(e)
    if errors:
        print("csv FAILED")
        return 1
    print(f"csv ok: {len(rows)} records, {text_cells} text cells ({prefixed} with '), "
          f"{number_cells} number cells ({negative} negative)")
    return 0


def check_json(text, strings):
    found = set()

    def walk(v):
        if isinstance(v, str):
            found.add(v)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    walk(json.loads(text))  # Strict: a raw control character in a string is an error.
    hostile = {s for s in strings if controls(s) or formula_start(s)}
    shown_exactly = sorted(shown(s) for s in hostile & found)
    print(f"json ok: {len(shown_exactly)} hostile strings exactly as in the book:")
    for s in shown_exactly:
        print("  " + s.replace("\n", "\\n"))
    return 0


def main():
    mode, arlab, args = sys.argv[1], shlex.split(sys.argv[2]), sys.argv[3:]
    proc = subprocess.run(arlab + args, capture_output=True)
    if proc.returncode != 0:
        sys.stdout.write(proc.stderr.decode("utf-8", "replace"))
        return 1
    text = proc.stdout.decode("utf-8")
    strings = book_strings(args[1])
    if mode == "csv":
        sys.stdout.write(shown(text))
        return check_csv(text, strings)
    if mode == "json":
        return check_json(text, strings)
    bad = controls(text)
    if bad:
        print(f"table FAILED: control characters {sorted(set(map(repr, bad)))}")
        return 1
    print(f"table ok: {text.count(chr(10))} lines, no control characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
