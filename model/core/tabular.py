"""Reading a planner's table as it comes out of a spreadsheet: one strict path for every export.

Indonesian offices export the same sheet in many forms: comma, semicolon or tab separated,
decimal comma with dot thousands (``1.250,5``), ``Rp`` before amounts, UTF-8 with or without a
byte-order mark, Excel's default cp1252, UTF-16 ("Unicode text"), CRLF line ends, or ``.xlsx``.
This module turns any of these into one :class:`Table` of canonical column names and cells,
saying what it detected (:attr:`Table.notes`), and refuses what it cannot read for certain:

- bytes: at most ``limit`` bytes; decoded by a declared policy (:func:`decode`): a byte-order
  mark decides (UTF-8, UTF-16); otherwise strict UTF-8, then cp1252 (said when used); control
  characters other than tab and line ends mean the file is not text;
- header: names are matched case-insensitively, with spaces or hyphens read as ``_``, against
  the English names and their documented Indonesian aliases; a duplicated or unknown column,
  or a missing required one, is refused;
- rows: every row has exactly the header's number of cells (no ragged rows); blank rows are
  skipped; a cell is at most :data:`MAX_CELL` characters;
- numbers (:func:`parse_number`): the file's decimal mark is decided once from all its numeric
  cells (a file mixing both is refused); booleans and words are never numbers; ``5.000`` in a
  whole-number column of a file without decimal commas could be 5 or 5000 and is refused with
  both readings named.

Every problem is a :class:`Problem` (row, column, value, allowed range, reason), in English or
Bahasa Indonesia; callers collect them all (``birosim org check``) or raise the first as an
:class:`~birosim.core.errors.InputError`.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import operator
import re
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import InputError

MAX_BYTES = 64 * 1024 * 1024  # the national organisation (21,334 units) is 2.7 MB
MAX_TOML_BYTES = 1024 * 1024  # scenarios and experiment specs are a few kB
MAX_CELL = 1000  # characters; longer is not a name or a number
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: the same characters as bytes: in UTF-8 and cp1252 each is its own byte and no other character
#: holds one, so a file of those encodings has one exactly when its bytes do
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DOT_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")  # 5.000, 1.250.000: thousands or decimals?
_COMMA_DECIMAL = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+")  # 1.250,5 or 411,8
# a decimal point for certain: more than three digits on either side of a single dot
_DOT_DECIMAL = re.compile(r"[+-]?(?:\d{4,}\.\d+|\d+\.(?:\d{1,2}|\d{4,}))")
_RUPIAH = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_NOT_PLAIN = re.compile(r"[^0-9.eE+\-]")  # a character no plain number has
_TEXT = re.compile(r".+")


@dataclass(frozen=True)
class Column:
    """One column a table may have: its type, range, default and Indonesian aliases."""

    name: str
    kind: type  # str, int or float
    low: float | None = None
    high: float | None = None
    default: object = None  # None: required
    aliases: tuple[str, ...] = ()
    rupiah: bool = False  # amounts in Rupiah may be written with "Rp" and dot thousands
    pattern: str | None = None  # text columns: a regular expression the whole text must match

    def allowed(self, lang: str = "en") -> str:
        if self.kind is str:
            return "teks tidak kosong" if lang == "id" else "non-empty text"
        if lang == "id":
            word = "bilangan bulat" if self.kind is int else "angka"
            return f"{word} dari {format_id(self.low)} sampai {format_id(self.high)}"
        word = "whole number" if self.kind is int else "number"
        return f"{word} from {self.low:g} to {self.high:g}"


REASONS_ID = {
    "required": "wajib diisi",
    "not a number": "bukan angka",
    "not finite": "bukan angka terhingga",
    "must be a whole number": "harus bilangan bulat",
    "out of range": "di luar rentang",
    "duplicate": "ganda",
    "unknown column": "kolom tidak dikenal",
    "missing": "kolom wajib tidak ada",
    "duplicated column": "kolom ganda",
    "ragged row": "jumlah sel tidak sama dengan judul kolom",
    "a boolean is not a number": "nilai benar/salah bukan angka",
    "cell too long": "sel terlalu panjang",
    "bad characters": "karakter tidak sah",
}


@dataclass(frozen=True)
class Problem:
    """One bad value: where it is, what it is, what is allowed and why it was refused."""

    source: str
    row: int | None  # the file's row number (header = 1); None for the file or its header
    unit: str
    column: str
    value: object
    allowed_en: str
    allowed_id: str
    reason: str = ""  # an English key of REASONS_ID, or a full sentence

    def where(self) -> str:
        if self.row is None:
            return self.source
        return f"{self.source}: row {self.row} (unit {self.unit or '?'})"

    def error(self) -> InputError:
        reason = "" if self.reason == "out of range" else self.reason
        return InputError(self.where(), self.column, self.value, self.allowed_en, reason)

    def text(self, lang: str = "en") -> str:
        if lang != "id":
            return str(self.error())
        where = self.source if self.row is None else (
            f"{self.source}: baris {self.row} (unit {self.unit or '?'})")
        reason = REASONS_ID.get(self.reason, self.reason)
        return (f"{where}: {self.column} = {self.value!r} tidak diterima; "
                f"yang diterima: {self.allowed_id}" + (f" ({reason})" if reason else ""))


@dataclass(frozen=True)
class Table:
    """A table's canonical header, its data rows (cells as text, or numbers from ``.xlsx``)."""

    source: str
    header: tuple[str, ...]
    rows: tuple[list[object], ...]
    row_numbers: tuple[int, ...]
    notes: tuple[str, ...]  # what was detected and used: encoding, separator, decimal mark
    decimal: str  # "." or ","
    text_only: bool  # every cell is text (a CSV file), so no cell needs a type check


def format_id(value: float | None) -> str:
    """A number the Indonesian way: dot thousands, decimal comma (100000 -> ``100.000``)."""
    if value is None:
        return "-"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing a missing, unreadable or oversized file in one line."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(str(path), "size", f"{size:,} bytes", f"at most {limit:,} bytes")
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), "file", str(path), "a readable file", error.strerror or "") from None


def decode(data: bytes, source: str, legacy: bool = True) -> tuple[str, str]:
    """Text and the encoding used (see module docstring); ``legacy`` allows cp1252 and UTF-16.

    Every file birosim reads is decoded here: spreadsheets with ``legacy``, TOML files (UTF-8
    with or without BOM, nothing else, as the TOML standard says) without."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif legacy and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "cp1252"] if legacy else ["utf-8"]
    first_failure = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            first_failure = first_failure or error
            continue
        # deleting bytes is some ten times faster than the pattern's search over the text
        has_control = (encoding == "utf-16"
                       or len(data.translate(None, _CONTROL_BYTES)) != len(data))
        bad = _CONTROL.search(text) if has_control else None
        if bad:
            raise InputError(source, "encoding", f"character {ord(bad.group()):#04x}",
                             "text without control characters",
                             "not a text file (or UTF-16 without byte-order mark)")
        return text, encoding
    allowed = "UTF-8 (with or without BOM), UTF-16 with BOM or cp1252" if legacy else "UTF-8"
    where = f" at byte {first_failure.start}" if first_failure else ""
    raise InputError(source, "encoding", f"{len(data)} bytes", allowed,
                     f"not {'readable as any of these' if legacy else 'UTF-8'}{where}")


def read_text(path: Path, limit: int = MAX_BYTES, legacy: bool = True) -> tuple[str, str]:
    """A text file's text and encoding: :func:`read_bytes` then :func:`decode`."""
    return decode(read_bytes(path, limit), str(path), legacy)


def parse_toml(text: str, source: str) -> dict:
    """TOML text as a dict; a syntax error, or an integer too long for Python to convert
    (``ValueError``, of which ``TOMLDecodeError`` is one), is one input error."""
    try:
        return tomllib.loads(text)
    except ValueError as exc:
        raise InputError(source, "TOML syntax", "", "valid TOML", str(exc)) from None


def read_toml(path: Path) -> tuple[dict, str]:
    """A TOML file (at most :data:`MAX_TOML_BYTES`, UTF-8) as a dict, and its text."""
    text, _ = read_text(path, MAX_TOML_BYTES, legacy=False)
    return parse_toml(text, str(path)), text


def read_table(path: Path, columns: Sequence[Column], limit: int = MAX_BYTES) -> Table:
    """Read a CSV (any export above) or ``.xlsx`` file into a checked :class:`Table`."""
    data = read_bytes(path, limit)
    text_only = not (path.suffix.lower() in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"))
    if not text_only:
        header, rows, notes = _xlsx_rows(data, str(path), columns)
    else:
        header, rows, notes = _csv_rows(data, str(path), columns)
    canonical = _canonical_header(header, columns, str(path))
    numbered = [(number, row) for number, row in enumerate(rows, start=2)
                if any(row) or 0 in row]  # blank rows are skipped; a cell 0 is not blank
    for number, row in numbered:
        if len(row) != len(canonical):
            raise InputError(f"{path}: row {number}", "cells", len(row),
                             f"{len(canonical)} cells, as in the header", "ragged row")
    data_rows = [row for _, row in numbered]
    decimal, decimal_note = _decimal_mark(canonical, data_rows, columns, str(path), text_only)
    return Table(str(path), canonical, tuple(data_rows), tuple(number for number, _ in numbered),
                 (*notes, decimal_note), decimal, text_only)


def _csv_rows(data: bytes, source: str, columns: Sequence[Column]):
    text, encoding = decode(data, source)
    notes = [f"encoding {encoding}"] if encoding not in ("utf-8", "utf-8-sig") else []
    first = text.split("\n", 1)[0]
    known = _known_names(columns)
    separator = max(SEPARATORS, key=lambda sep: (
        sum(_normalise(name) in known for name in first.split(sep)), first.count(sep)))
    if separator != ",":
        notes.append(f"separator {SEPARATORS[separator]}")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
    except csv.Error as error:  # an unclosed quote, or a cell beyond csv's own limit
        raise InputError(source, "CSV", str(error), "well-formed CSV") from None
    if not rows:
        raise InputError(source, "header", "", _header_words(columns), "empty file")
    # a cell without quotes holds no line break, so it is no longer than its line
    may_be_too_long = '"' in text or max(map(len, text.split("\n"))) > MAX_CELL
    if may_be_too_long and max(map(len, itertools.chain.from_iterable(rows)), default=0) > MAX_CELL:
        for number, row in enumerate(rows, start=1):  # the first row with a cell too long
            longest = max(map(len, row), default=0)
            if longest > MAX_CELL:
                raise InputError(f"{source}: row {number}", "cell", f"{longest} characters",
                                 f"at most {MAX_CELL} characters", "cell too long")
    return rows[0], rows[1:], notes


def _header_words(columns: Sequence[Column]) -> str:
    return "a header row naming the columns " + ", ".join(c.name for c in columns)


def _xlsx_rows(data: bytes, source: str, columns: Sequence[Column]):
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise InputError(source, "xlsx", type(error).__name__, "an Excel .xlsx workbook",
                         str(error)[:120]) from None
    sheet = book["units"] if "units" in book.sheetnames else book.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        cells = list(row)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        rows.append(cells)
    book.close()
    if not rows or not rows[0]:
        raise InputError(source, "header", "", _header_words(columns), "empty sheet")
    header = ["" if cell is None else str(cell) for cell in rows[0]]
    width = len(header)
    data_rows = [[*cells, *[None] * (width - len(cells))] if len(cells) < width else cells
                 for cells in rows[1:]]
    return header, data_rows, [f"sheet {sheet.title!r}"]


def _normalise(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().strip('"').lower())


def _known_names(columns: Sequence[Column]) -> dict[str, str]:
    return {alias: column.name for column in columns
            for alias in (column.name, *column.aliases)}


def _canonical_header(header: list[str], columns: Sequence[Column], source: str) -> tuple[str, ...]:
    known = _known_names(columns)
    names = [_normalise(str(name)) for name in header]
    allowed = "columns " + ", ".join(c.name for c in columns) + " (or their Indonesian names)"
    unknown = [raw for raw, name in zip(header, names, strict=True) if name not in known]
    if unknown:
        hint = ""
        if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
            hint = "one column only: is the separator something other than comma, semicolon or tab?"
        raise InputError(source, "header", ",".join(map(str, unknown)), allowed,
                         hint or "unknown column")
    canonical = tuple(known[name] for name in names)
    duplicated = sorted({name for name in canonical if canonical.count(name) > 1})
    if duplicated:
        raise InputError(source, "header", ",".join(duplicated), "each column once",
                         "duplicated column")
    missing = [c.name for c in columns if c.default is None and c.name not in canonical]
    if missing:
        raise InputError(source, "header", ",".join(header), allowed,
                         f"missing {', '.join(missing)}")
    return canonical


def _decimal_mark(header, rows, columns: Sequence[Column], source: str,
                  text_only: bool) -> tuple[str, str]:
    """The file's one decimal mark, from every numeric text cell (see module docstring).

    Each column's text cells are searched at once, one per line, so that a national file
    (21,334 units) is decided in milliseconds."""
    kinds = {c.name: c.kind for c in columns}
    comma = dot = None
    for i, name in enumerate(header):
        if kinds[name] is str:
            continue
        cells = [row[i] for row in rows]
        lines = "\n".join(cells if text_only else (c for c in cells if isinstance(c, str)))
        if "rp" in lines.lower():
            lines = "\n".join(_RUPIAH.sub("", line.strip()) for line in lines.split("\n"))
        if comma is None and "," in lines:  # a decimal comma needs a comma
            comma = _first_line(_COMMA_DECIMAL, lines)
        if dot is None and "." in lines:
            dot = _first_line(_DOT_DECIMAL, lines)
    if comma is not None and dot is not None:
        raise InputError(source, "decimal mark", f"{dot!r} and {comma!r}",
                         "one decimal mark in a file: all decimal points or all decimal commas",
                         "mixed")
    if comma is not None:
        return ",", "decimal comma (dot thousands)"
    return ".", "decimal point"


def _first_line(pattern: re.Pattern, lines: str) -> str | None:
    found = re.search(rf"(?m)^[ \t]*(?:{pattern.pattern})[ \t]*$", lines)
    return found.group().strip() if found else None


def every_line_matches(pattern: re.Pattern, texts: list[str]) -> bool:
    """Whether every text (none holding a line break) matches ``pattern``, checked at once."""
    lines = "\n".join(texts)
    if not texts or lines.count("\n") != len(texts) - 1:
        return False
    return re.fullmatch(rf"(?:(?:{pattern.pattern})\n)*(?:{pattern.pattern})", lines) is not None


def plain_numbers(texts: list[str]) -> np.ndarray | None:
    """The numbers of ``texts`` when every text is an ASCII plain number (:data:`PLAIN_NUMBER`),
    else None. Checked at once: texts of ASCII digits, ``.``, ``e``, ``E``, ``+`` and ``-`` only
    are plain numbers exactly when ``float`` reads them all (its grammar, on these characters,
    is PLAIN_NUMBER's); anything else (other digits, ``inf``, spaces) is left to the caller's
    check of each cell."""
    if not texts or _NOT_PLAIN.search("".join(texts)):
        return None
    try:
        return np.array(list(map(float, texts)))
    except ValueError:
        return None


def parse_number(cell: object, column: Column, decimal: str) -> float | str:
    """The number in ``cell``, or the reason it is refused (a string)."""
    if isinstance(cell, bool):
        return "a boolean is not a number"
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip()
    if column.rupiah:
        text = _RUPIAH.sub("", text)
    if decimal == ",":
        if "," in text and not _COMMA_DECIMAL.fullmatch(text):
            return "not a number"
        if "," not in text and "." in text and not _DOT_GROUPED.fullmatch(text):
            return "not a number (this file writes decimals with a comma)"
        text = text.replace(".", "").replace(",", ".")
    elif _DOT_GROUPED.fullmatch(text):
        if text.count(".") > 1:  # 1.250.000: only thousands have more than one dot
            text = text.replace(".", "")
        elif column.kind is int:
            whole = text.replace(".", "")
            return (f"ambiguous: {text} could be {float(text):g} (decimal point) or {whole} "
                    f"(dot thousands); write {float(text):g} or {whole}")
    if not PLAIN_NUMBER.fullmatch(text):
        return "not a number"
    value = float(text)
    return value if math.isfinite(value) else "not finite"


def column_values(table: Table, column: Column, problems: list[Problem]) -> list:
    """One column's values; every bad cell is added to ``problems`` (its value is then None)."""
    if column.name not in table.header:
        return [column.default] * len(table.rows)
    index = table.header.index(column.name)
    cells = list(map(operator.itemgetter(index), table.rows))
    # the common clean file, checked a column at a time; any doubt goes cell by cell below
    if table.text_only or all(isinstance(c, str) for c in cells):
        texts = list(map(str.strip, cells))
        if column.kind is str:
            if every_line_matches(re.compile(column.pattern) if column.pattern else _TEXT, texts):
                return texts
        elif table.decimal == "." and (column.kind is float or "." not in "".join(texts)):
            values = plain_numbers(texts)
            if values is not None and _all_valid(values, column):
                return values.tolist()
    out = []
    for row_no, row, cell in zip(table.row_numbers, table.rows, cells, strict=True):
        value, reason = _cell_value(cell, column, table.decimal)
        if reason:
            unit = (str(row[table.header.index("unit_id")] or "").strip()
                    if "unit_id" in table.header else "")
            shown = cell if isinstance(cell, str) else ("" if cell is None else cell)
            problems.append(Problem(table.source, row_no, unit, column.name, shown,
                                    column.allowed("en"), column.allowed("id"), reason))
        out.append(value)
    return out


def _all_valid(values: np.ndarray, column: Column) -> bool:
    return bool(np.isfinite(values).all()
                and (column.kind is not int or (values == np.trunc(values)).all())
                and (values >= column.low).all() and (values <= column.high).all())


def _cell_value(cell: object, column: Column, decimal: str) -> tuple[object, str]:
    """(value, "") or (None, reason) for one cell."""
    if cell is None or (isinstance(cell, str) and cell.strip() == ""):
        return (column.default, "") if column.default is not None else (None, "required")
    if column.kind is str:
        text = str(cell).strip()
        if column.pattern and not re.fullmatch(column.pattern, text):
            return None, "letters, digits, '_' or '-'"
        return text, ""
    value = parse_number(cell, column, decimal)
    if isinstance(value, str):
        return None, value
    if column.kind is int and value != int(value):
        return None, "must be a whole number"
    if not column.low <= value <= column.high:
        return None, "out of range"
    return value, ""
