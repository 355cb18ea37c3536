"""Write ``template.xlsx`` from ``template.csv``: the units sheet and a data dictionary (EN + ID).

Run from the repository root: ``.venv/bin/python scenarios/organisations/make_template_xlsx.py``.
The data dictionary's ranges and Indonesian column names come from the loader's own column
list, so the workbook cannot drift from what birosim accepts.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from birosim.core.organisation import COLUMNS
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent

#: column -> (meaning in English, meaning in Bahasa Indonesia); units and ranges from COLUMNS
MEANING = {
    "unit_id": ("short unique id, letters, digits, _ or -", "kode unit singkat dan unik (huruf, angka, _ atau -)"),
    "unit_name": ("full name of the unit", "nama lengkap unit kerja / perangkat daerah"),
    "parent_org": ("the agency (instansi) the unit belongs to", "instansi induk unit"),
    "staff": ("civil servants (PNS and PPPK) including officials", "jumlah ASN (PNS dan PPPK) termasuk pejabat"),
    "daily_demand": ("service requests per working day", "permohonan layanan per hari kerja"),
    "approval_layers": ("sign-offs each case needs (1 = supervisor only)", "jenjang paraf/persetujuan per berkas (1 = atasan langsung saja)"),
    "service_standard_days": ("published service time (working days)", "waktu layanan dalam standar pelayanan (hari kerja)"),
    "work_hours_per_case": ("staff-hours of case work per case", "jam kerja pegawai per berkas"),
    "goal_clarity": ("0 = pure routine, 1 = clear measurable goals", "0 = rutinitas, 1 = indikator kinerja jelas dan terukur"),
    "monopoly": ("citizens' lack of alternatives (Klitgaard's M)", "tidak adanya alternatif bagi warga (M dari Klitgaard)"),
    "discretion": ("staff's discretion over the decision (Klitgaard's D)", "diskresi pegawai atas keputusan (D dari Klitgaard)"),
    "salary_rp_month": ("mean monthly pay incl. allowances (Rp)", "rata-rata penghasilan per bulan termasuk tunjangan dan TPP (Rp)"),
    "season_phase": ("shift of the yearly demand cycle (share of a year; 0 if unsure)", "pergeseran siklus tahunan permintaan (bagian tahun; 0 bila ragu)"),
}


def main() -> None:
    book = openpyxl.Workbook()
    units = book.active
    units.title = "units"
    with (HERE / "template.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    units.append(list(COLUMNS))
    for row in rows:
        units.append([row[name] if column.kind is str else column.kind(float(row[name]))
                      for name, column in COLUMNS.items()])
    dictionary = book.create_sheet("kamus_data")
    dictionary.append(["column", "kolom (Indonesian header)", "allowed", "rentang",
                       "default", "meaning", "arti"])
    for name, column in COLUMNS.items():
        default = "required / wajib" if column.default is None else column.default
        dictionary.append([name, ", ".join(column.aliases), column.allowed("en"),
                           column.allowed("id"), default, *MEANING[name]])
    for sheet in (units, dictionary):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    book.save(HERE / "template.xlsx")


if __name__ == "__main__":
    main()
