"""The translation in plain Python: csv module and a dictionary join. Usage: plain_python.py SERIES WEIGHTS OUT"""
import csv
import sys

series, weights_path, out_path = sys.argv[1:4]
weights = {}
with open(weights_path, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        weights.setdefault(row["from_code"], []).append((row["to_code"], float(row["weight"])))

sums = {}
with open(series, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    y, r, s, i, c, v = (header.index(n) for n in ("year", "region", "sex", "industry", "soc2010", "employment"))
    for row in reader:
        value = float(row[v])
        prefix = (row[y], row[r], row[s], row[i])
        for to_code, weight in weights.get(row[c], ()):
            key = prefix + (to_code,)
            sums[key] = sums.get(key, 0.0) + value * weight

with open(out_path, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["year", "region", "sex", "industry", "soc2020", "employment"])
    for key, value in sums.items():
        writer.writerow(key + (repr(value),))
