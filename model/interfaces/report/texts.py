"""The report's own words in English and Bahasa Indonesia (labels of outcomes and parameters
come from the registries)."""

from __future__ import annotations

TEXTS = {
    "en": {
        "title": "Bureaucracy reform options: what the simulation says",
        "question_h": "The question",
        "question": "What would each of the {n} option(s) change, compared with {baseline}?",
        "glance": "At a glance", "options_word": "options against the baseline", "org_h": "The organisation", "options_h": "The options",
        "outcomes_h": "Outcomes against the baseline", "units_h": "Which units gain, which lose",
        "tradeoffs_h": "Trade-offs", "fails_h": "When an option fails",
        "assumptions_h": "Assumptions and their sources", "provenance_h": "Provenance",
        "units": "units", "staff": "staff", "in": "in", "parent": "agency",
        "unit": "unit", "demand": "cases/day", "option": "option", "scenario": "scenario",
        "hash": "content hash", "baseline_word": "baseline", "outcome": "outcome",
        "value": "option", "difference": "difference from the baseline", "verdict": "verdict",
        "ci": "95 % CI", "to": "to", "rises": "rises by", "falls": "falls by",
        "no_clear": "no clear difference",
        "verdict_better": "Better", "verdict_worse": "Worse", "verdict_unclear": "No clear difference",
        "verdict_changed": "Changes", "verdict_same": "Same",
        "unit_gains": "gains", "unit_loses": "loses", "unit_mixed": "mixed",
        "unit_unclear": "no clear change",
        "improves": "improves", "worsens": "worsens", "nothing_clear": "no outcome changes clearly",
        "and_but": "but", "better_count": "better", "worse_count": "worse",
        "how_to_read": ("Each option was run with the same random numbers as the baseline "
                        "(common random numbers, {r} replicates); an outcome is called better or "
                        "worse only when the 95 % confidence interval of its difference excludes 0."),
        "forest_alt": "Differences from the baseline with 95 % intervals",
        "no_robustness": ("No robustness sweep was run for these options, so the conditions under "
                          "which they fail are not known. Run a sweep over the uncertain "
                          "parameters (`birosim sweep`, `birosim analyze`) and pass its analysis "
                          "with --robustness."),
        "robustness_intro": ("Scenario discovery (PRIM) on the robustness sweep: the options fail "
                             "to deliver in the region of uncertain conditions below."),
        "factor": "factor", "limits": "range where it fails",
        "assumptions_intro": ("Behavioural and institutional assumptions of the model, with the "
                              "default value and the source of each (parameter registry)."),
        "name": "name", "default": "default", "source": "source",
        "seed": "seed", "seeds": "replicate seeds", "version": "birosim version",
        "commit": "git commit", "uncertainty": "uncertainty", "results": "results directory",
        "ikm_note": "IKM category per PermenPANRB 14/2017: A 88.31-100 Very good, B 76.61-88.30 "
                    "Good, C 65.00-76.60 Poor, D 25.00-64.99 Very poor.",
        "model_note": ("A simulation is not a forecast: it shows what follows from the stated "
                       "assumptions, for comparing options, not for predicting exact figures."),
    },
    "id": {
        "title": "Pilihan reformasi birokrasi: hasil simulasi",
        "question_h": "Pertanyaan",
        "question": "Apa yang diubah oleh masing-masing dari {n} pilihan, dibandingkan dengan {baseline}?",
        "glance": "Ringkasan", "options_word": "pilihan dibandingkan pembanding", "org_h": "Organisasi", "options_h": "Pilihan kebijakan",
        "outcomes_h": "Hasil dibandingkan dengan pembanding", "units_h": "Unit yang membaik dan memburuk",
        "tradeoffs_h": "Untung-rugi", "fails_h": "Kapan sebuah pilihan gagal",
        "assumptions_h": "Asumsi dan sumbernya", "provenance_h": "Asal-usul hasil",
        "units": "unit", "staff": "pegawai", "in": "dalam", "parent": "instansi",
        "unit": "unit", "demand": "berkas/hari", "option": "pilihan", "scenario": "skenario",
        "hash": "hash isi", "baseline_word": "pembanding", "outcome": "hasil",
        "value": "pilihan", "difference": "selisih dari pembanding", "verdict": "kesimpulan",
        "ci": "IK 95 %", "to": "sampai", "rises": "naik", "falls": "turun",
        "no_clear": "tidak ada perbedaan yang jelas",
        "verdict_better": "Lebih baik", "verdict_worse": "Lebih buruk",
        "verdict_unclear": "Tidak jelas berbeda", "verdict_changed": "Berubah", "verdict_same": "Sama",
        "unit_gains": "membaik", "unit_loses": "memburuk", "unit_mixed": "campuran",
        "unit_unclear": "tidak jelas berubah",
        "improves": "memperbaiki", "worsens": "memperburuk",
        "nothing_clear": "tidak ada hasil yang jelas berubah",
        "and_but": "tetapi", "better_count": "lebih baik", "worse_count": "lebih buruk",
        "how_to_read": ("Setiap pilihan dijalankan dengan bilangan acak yang sama dengan pembanding "
                        "({r} ulangan); sebuah hasil disebut lebih baik atau lebih buruk hanya bila "
                        "interval kepercayaan 95 % selisihnya tidak memuat 0."),
        "forest_alt": "Selisih dari pembanding dengan interval 95 %",
        "no_robustness": ("Belum ada uji ketahanan (robustness sweep) untuk pilihan ini, sehingga "
                          "kondisi yang membuatnya gagal belum diketahui. Jalankan `birosim sweep` "
                          "dan `birosim analyze` atas parameter yang tidak pasti, lalu berikan "
                          "hasilnya dengan --robustness."),
        "robustness_intro": ("Penemuan skenario (PRIM) pada uji ketahanan: pilihan gagal memberi "
                             "hasil pada kondisi berikut."),
        "factor": "faktor", "limits": "rentang saat gagal",
        "assumptions_intro": ("Asumsi perilaku dan kelembagaan model, dengan nilai bawaan dan sumber "
                              "masing-masing (daftar parameter)."),
        "name": "nama", "default": "bawaan", "source": "sumber",
        "seed": "seed", "seeds": "seed ulangan", "version": "versi birosim",
        "commit": "commit git", "uncertainty": "ketidakpastian", "results": "folder hasil",
        "ikm_note": "Mutu pelayanan IKM menurut PermenPANRB 14/2017: A 88,31-100 Sangat Baik, "
                    "B 76,61-88,30 Baik, C 65,00-76,60 Kurang Baik, D 25,00-64,99 Tidak Baik.",
        "model_note": ("Simulasi bukan ramalan: ia menunjukkan akibat dari asumsi yang dinyatakan, "
                       "untuk membandingkan pilihan, bukan untuk memperkirakan angka pasti."),
    },
}
