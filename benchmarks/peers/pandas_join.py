"""The translation in pandas: read_csv, merge, groupby, to_csv. Usage: pandas_join.py SERIES WEIGHTS OUT"""
import sys

import pandas as pd

series, weights_path, out_path = sys.argv[1:4]
text = {"year": str, "region": str, "sex": str, "industry": str, "soc2010": str}
s = pd.read_csv(series, dtype={**text, "employment": "float64"})
w = pd.read_csv(weights_path, usecols=["from_code", "to_code", "weight"], dtype={"from_code": str, "to_code": str})
m = s.merge(w, left_on="soc2010", right_on="from_code")
m["employment"] = m["employment"] * m["weight"]
out = (m.groupby(["year", "region", "sex", "industry", "to_code"], sort=False)["employment"].sum()
       .reset_index().rename(columns={"to_code": "soc2020"}))
out.to_csv(out_path, index=False, float_format=None)
