"""Organisation files as spreadsheets export them: every export reads to the same organisation
as the clean CSV, or is refused with the stated reason (issue: the planner's spreadsheet).

The variants are made from the shipped kabupaten CSV by converting it here, the way Excel in an
Indonesian locale writes it; the clean shipped files must read exactly as Python's ``float``
reads their text, so that run outputs do not change.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import random
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from birosim.core.errors import InputError
from birosim.core.organisation import (
    COLUMNS,
    ORGANISATIONS_DIR,
    load_organisation,
    read_organisation,
)
from birosim.core.tabular import MAX_CELL, PLAIN_NUMBER, plain_numbers, read_table
from hypothesis import given, settings
from hypothesis import strategies as st

KABUPATEN = ORGANISATIONS_DIR / "kabupaten.csv"
INDONESIAN = {name: column.aliases[0] for name, column in COLUMNS.items()}
#: the columns the kabupaten file has (optional columns such as season_phase may be left out)
KABUPATEN_COLUMNS = KABUPATEN.read_text(encoding="utf-8").splitlines()[0].split(",")


def clean_rows() -> list[dict[str, str]]:
    """The kabupaten rows with one unit name holding an en dash (cp1252 differs from UTF-8)."""
    with KABUPATEN.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["unit_name"] = "Sekretariat Daerah \u2013 Bagian Umum"
    return rows


def write(path: Path, rows, *, sep=",", encoding="utf-8", newline="\n", header=None,
          cell=lambda column, text: text) -> Path:
    names = list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator=newline)
    writer.writerow(header or names)
    for row in rows:
        writer.writerow([cell(c, row[c]) for c in names])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def indonesian_number(column: str, text: str) -> str:
    """A value as Excel writes it in an Indonesian locale: decimal comma, dot thousands, Rp."""
    if COLUMNS[column].kind is str:
        return text
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    number = grouped + ("," + fraction if fraction else "")
    return "Rp " + number if COLUMNS[column].rupiah else number


def assert_same(a, b) -> None:
    for field in dataclasses.fields(a):
        if field.name in ("name", "source"):
            continue
        left, right = getattr(a, field.name), getattr(b, field.name)
        if isinstance(left, np.ndarray):
            assert left.dtype == right.dtype and np.array_equal(left, right), field.name
        else:
            assert left == right, field.name


@pytest.fixture
def reference(tmp_path):
    return load_organisation(str(write(tmp_path / "clean.csv", clean_rows())))


VARIANTS = {
    "semicolon, decimal comma, Rp, BOM": dict(sep=";", encoding="utf-8-sig", cell=indonesian_number),
    "cp1252, semicolon, decimal comma": dict(sep=";", encoding="cp1252", cell=indonesian_number),
    "UTF-16 Unicode text (tab)": dict(sep="\t", encoding="utf-16"),
    "tab": dict(sep="\t"),
    "CRLF": dict(newline="\r\n"),
    "UTF-8 BOM, comma": dict(encoding="utf-8-sig"),
    "Indonesian headers": dict(header=[INDONESIAN[c] for c in KABUPATEN_COLUMNS]),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_export_variant_reads_to_the_clean_organisation(tmp_path, reference, variant):
    path = write(tmp_path / "export.csv", clean_rows(), **VARIANTS[variant])
    reading = read_organisation(str(path))
    assert not reading.problems, reading.problems
    assert_same(reading.organisation, reference)
    if "semicolon" in variant:
        assert "separator semicolon" in reading.notes and any("comma" in n for n in reading.notes)
    if "cp1252" in variant or "UTF-16" in variant:
        assert any(n.startswith("encoding") for n in reading.notes)


def test_xlsx_round_trip(tmp_path, reference):
    book = openpyxl.Workbook()
    sheet = book.active
    names = KABUPATEN_COLUMNS
    sheet.append(names)
    for row in clean_rows():
        sheet.append([row[c] if COLUMNS[c].kind is str else
                      (int(row[c]) if COLUMNS[c].kind is int else float(row[c])) for c in names])
    book.save(tmp_path / "org.xlsx")
    assert_same(load_organisation(str(tmp_path / "org.xlsx")), reference)


def test_templates_load_alike():
    csv_org = load_organisation(str(ORGANISATIONS_DIR / "template.csv"))
    xlsx_org = load_organisation(str(ORGANISATIONS_DIR / "template.xlsx"))
    assert_same(csv_org, xlsx_org)


@pytest.mark.parametrize("name", ["classroom", "kabupaten"])
def test_shipped_csv_reads_exactly_as_its_text(name):
    """Bit-identical to Python's own reading of the text (run outputs must not change)."""
    org = load_organisation(name)
    with (ORGANISATIONS_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for column, spec in COLUMNS.items():
        values = getattr(org, column)
        if spec.kind is str:
            assert values == tuple(r[column] for r in rows)
        else:  # a column the file leaves out holds its default
            expected = np.array([float(r.get(column, spec.default)) for r in rows]).astype(
                np.int64 if spec.kind is int else np.float64)
            assert values.dtype == expected.dtype and np.array_equal(values, expected), column


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_organisation(str(path))
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return message


def test_ambiguous_thousands_in_a_whole_number_column(tmp_path):
    rows = clean_rows()
    rows[3]["staff"] = "5.000"
    message = refusal(write(tmp_path / "org.csv", rows))
    assert "staff" in message and "row 5" in message and "ambiguous" in message
    assert "5000" in message and "or 5 " in message.replace("could be 5 ", "or 5 ")


def test_dot_thousands_accepted_where_the_file_writes_decimal_commas(tmp_path):
    rows = clean_rows()
    path = write(tmp_path / "org.csv", rows, sep=";", cell=indonesian_number)
    assert "3.480" in path.read_text()  # DISDIK's 3480 staff, grouped
    assert load_organisation(str(path)).staff[9] == 3480


@pytest.mark.parametrize("change, words", [
    (lambda rows: rows[1].update(staff="true"), ("staff", "true")),
    (lambda rows: rows[1].update(daily_demand="56,7"), ("decimal mark", "mixed")),
    (lambda rows: rows[1].update(unit_name="x" * (MAX_CELL + 1)), ("too long",)),
    (lambda rows: rows[2].update(monopoly="Rp 1"), ("monopoly", "not a number")),
])
def test_bad_cells_refused(tmp_path, change, words):
    rows = clean_rows()
    change(rows)
    message = refusal(write(tmp_path / "org.csv", rows))
    for word in words:
        assert word in message


def test_duplicated_and_unknown_columns_and_ragged_rows(tmp_path):
    text = KABUPATEN.read_text(encoding="utf-8")
    duplicated = tmp_path / "dup.csv"
    duplicated.write_text(text.replace("staff,", "staff,staff,", 1).replace(",230,", ",230,230,", 1))
    assert "duplicated column" in refusal(duplicated)
    aliased = tmp_path / "alias.csv"
    aliased.write_text(text.replace("unit_name", "nama_unit,unit_name", 1))
    assert "duplicated" in refusal(aliased) or "ragged" in refusal(aliased)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text(text.replace("\nSETWAN,", "\nSETWAN,extra,", 1))
    message = refusal(ragged)
    assert "row 3" in message and "ragged" in message
    unknown = tmp_path / "unknown.csv"
    unknown.write_text(text.replace("monopoly", "budget", 1))
    assert "budget" in refusal(unknown)


def test_bytes_that_are_not_text_and_oversized_files(tmp_path):
    noise = tmp_path / "noise.csv"
    noise.write_bytes(random.Random(1).randbytes(4000))
    assert "encoding" in refusal(noise) or "header" in refusal(noise)
    appended = tmp_path / "appended.csv"
    appended.write_bytes(KABUPATEN.read_bytes() + b"\x00\x81\x8d binary tail")
    assert "encoding" in refusal(appended)
    with pytest.raises(InputError, match="size"):
        read_table(KABUPATEN, tuple(COLUMNS.values()), limit=100)
    not_xlsx = tmp_path / "org.xlsx"
    not_xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    assert "xlsx" in refusal(not_xlsx)


def test_every_problem_reported_at_once_in_both_languages(tmp_path):
    rows = clean_rows()
    rows[1]["staff"] = "many"
    rows[4]["approval_layers"] = "9"
    rows[6]["unit_id"] = rows[5]["unit_id"]
    reading = read_organisation(str(write(tmp_path / "org.csv", rows)))
    assert reading.organisation is None
    assert [(p.row, p.column) for p in reading.problems] == [
        (3, "staff"), (6, "approval_layers"), (8, "unit_id")]
    indonesian = reading.problems[1].text("id")
    assert "baris 6" in indonesian and "bilangan bulat dari 1 sampai 6" in indonesian
    assert "whole number from 1 to 6" in reading.problems[1].text("en")


@settings(max_examples=2000, deadline=None)
@given(texts=st.lists(st.text(alphabet="0123456789.eE+- _x\u0663", max_size=8), min_size=1,
                      max_size=4))
def test_plain_numbers_are_exactly_the_plain_number_pattern(texts):
    """The column-at-once check of numbers (``plain_numbers``) accepts only texts that each match
    ``PLAIN_NUMBER``, read as ``float`` reads them, and all such ASCII texts (other digits, such
    as Arabic-Indic ones, go to the cell-by-cell check)."""
    numbers = plain_numbers(texts)
    plain = all(PLAIN_NUMBER.fullmatch(text) for text in texts)
    if numbers is not None:
        assert plain and numbers.tolist() == [float(text) for text in texts]
    else:
        assert not plain or not "".join(texts).isascii()
