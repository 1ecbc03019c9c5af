#!/usr/bin/env python3
"""Makes the small workbook fixtures of the apportion tests (run once; the outputs are committed).

    python3 make_workbooks.py      # needs openpyxl and xlwt

wf_small.xlsx / wf_small.xls: a workbook shaped like the published Working Futures projections, with
illustrative (not real) figures:
  sheet 1 'Notes'              text only, no code column (the default sheet choice must skip it);
  sheet 2 'UK'                 two title rows and a blank row above the header on row 4; the header is
                               'Occupation' then the years 2007..2027 stored as numbers; one row per SOC2010
                               sub-major group written '11 Corporate managers and directors'; an
                               'All occupations' total row at the bottom (the exact sum of the rows above);
  sheet 3 'Replacement demand' one title row above the header on row 2; base-year employment, expansion
                               demand, retirements, mortality, occupational mobility, geographical mobility,
                               replacement demand and total requirement, where expansion and mobility are
                               signed; expansion demand sums to 302,063 and occupational mobility to -42,593.
wf_small_uk.csv / wf_small_replacement.csv: the same rows as plain CSV (header and data rows only).
"""
import csv
import os
import random

import openpyxl
import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20260101)

SUB_MAJORS = [
    ("11", "Corporate managers and directors"), ("12", "Other managers and proprietors"),
    ("21", "Science, research, engineering and technology professionals"), ("22", "Health professionals"),
    ("23", "Teaching and educational professionals"), ("24", "Business, media and public service professionals"),
    ("31", "Science, engineering and technology associate professionals"),
    ("32", "Health and social care associate professionals"), ("33", "Protective service occupations"),
    ("34", "Culture, media and sports occupations"), ("35", "Business and public service associate professionals"),
    ("41", "Administrative occupations"), ("42", "Secretarial and related occupations"),
    ("51", "Skilled agricultural and related trades"), ("52", "Skilled metal, electrical and electronic trades"),
    ("53", "Skilled construction and building trades"), ("54", "Textiles, printing and other skilled trades"),
    ("61", "Caring personal service occupations"), ("62", "Leisure, travel and related personal service occupations"),
    ("71", "Sales occupations"), ("72", "Customer service occupations"), ("81", "Process, plant and machine operatives"),
    ("82", "Transport and mobile machine drivers and operatives"), ("91", "Elementary trades and related occupations"),
    ("92", "Elementary administration and service occupations"),
]
LABELS = [f"{code} {title}" for code, title in SUB_MAJORS]
YEARS = list(range(2007, 2028))


def spread(total, n, low, high):
    """n signed integers in [low, high] summing exactly to total."""
    while True:
        values = [rng.randint(low, high) for _ in range(n - 1)]
        last = total - sum(values)
        if low <= last <= high:
            return values + [last]


# Employment by year: integers (thousands of jobs in the published tables; here whole jobs).
uk_rows = []
for label in LABELS:
    level = rng.randint(300_000, 2_500_000)
    row = []
    for _ in YEARS:
        level = max(1_000, level + rng.randint(-40_000, 45_000))
        row.append(level)
    uk_rows.append([label] + row)
uk_total = ["All occupations"] + [sum(r[i + 1] for r in uk_rows) for i in range(len(YEARS))]

# Replacement demand: the identities hold exactly in every row.
expansion = spread(302_063, len(LABELS), -60_000, 90_000)
occupational = spread(-42_593, len(LABELS), -20_000, 15_000)
rd_rows = []
for i, label in enumerate(LABELS):
    base = uk_rows[i][1 + YEARS.index(2017)]
    retirements = rng.randint(20_000, 300_000)
    mortality = rng.randint(1_000, 20_000)
    geographical = rng.randint(-8_000, 8_000)
    replacement = retirements + mortality + occupational[i] + geographical
    rd_rows.append([label, base, expansion[i], retirements, mortality, occupational[i], geographical, replacement, expansion[i] + replacement])
RD_HEADER = ["Occupation", "Base year employment", "Expansion demand", "Retirements", "Mortality",
             "Occupational mobility", "Geographical mobility", "Replacement demand", "Total requirement"]
rd_total = ["All occupations"] + [sum(r[c] for r in rd_rows) for c in range(1, len(RD_HEADER))]

NOTES = ["Working Futures shaped test workbook", "Illustrative figures only; not published statistics."]


def write_xlsx(path):
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    for text in NOTES:
        notes.append([text])
    uk = book.create_sheet("UK")
    uk.append(["Employment by occupation, United Kingdom"])
    uk.append(["Illustrative figures"])
    uk.append([])
    uk.append(["Occupation"] + YEARS)
    for r in uk_rows + [uk_total]:
        uk.append(r)
    rd = book.create_sheet("Replacement demand")
    rd.append(["Replacement demands 2017-2027, United Kingdom"])
    rd.append(RD_HEADER)
    for r in rd_rows + [rd_total]:
        rd.append(r)
    book.save(path)


def write_xls(path):
    book = xlwt.Workbook()
    notes = book.add_sheet("Notes")
    for i, text in enumerate(NOTES):
        notes.write(i, 0, text)
    uk = book.add_sheet("UK")
    uk.write(0, 0, "Employment by occupation, United Kingdom")
    uk.write(1, 0, "Illustrative figures")
    for c, v in enumerate(["Occupation"] + YEARS):
        uk.write(3, c, v)
    for r, row in enumerate(uk_rows + [uk_total]):
        for c, v in enumerate(row):
            uk.write(4 + r, c, v)
    rd = book.add_sheet("Replacement demand")
    rd.write(0, 0, "Replacement demands 2017-2027, United Kingdom")
    for c, v in enumerate(RD_HEADER):
        rd.write(1, c, v)
    for r, row in enumerate(rd_rows + [rd_total]):
        for c, v in enumerate(row):
            rd.write(2 + r, c, v)
    book.save(path)


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


write_xlsx(os.path.join(HERE, "wf_small.xlsx"))
write_xls(os.path.join(HERE, "wf_small.xls"))
write_csv(os.path.join(HERE, "wf_small_uk.csv"), ["Occupation"] + YEARS, uk_rows + [uk_total])
write_csv(os.path.join(HERE, "wf_small_replacement.csv"), RD_HEADER, rd_rows + [rd_total])
