-- Apportion a series from SOC2010 to SOC2020 in SQL, over the weights SocBridge exports.
-- The same join and group-by runs on DuckDB locally or on Spark SQL / any warehouse at scale.
--
-- 1. Export the weights (one row per source, target; choose the level and weight set):
--      socbridge map --all --level 4 --weights lfs --format csv > weights.csv
--    For sex-specific weights export --sex men and --sex women as well, add a sex column, and join on it too.
-- 2. Point the two views below at the files (or at tables) and run the query.
--
-- Counts are shared out: Σ count × weight. A mean is employment-weighted: Σ mean × count × weight / Σ count × weight.
-- Rows whose code has no weights fall out of the inner join: check the reconciliation query at the end.

CREATE OR REPLACE VIEW weights AS
SELECT CAST(from_code AS VARCHAR) AS from_code, CAST(to_code AS VARCHAR) AS to_code, weight
FROM read_csv('weights.csv', header = true, all_varchar = false);

CREATE OR REPLACE VIEW series AS
SELECT CAST(soc2010 AS VARCHAR) AS soc2010, region, year, jobs, pay
FROM read_csv('series.csv', header = true);

SELECT s.region, s.year, w.to_code AS soc2020,
       SUM(s.jobs * w.weight) AS jobs,
       SUM(s.pay * s.jobs * w.weight) / NULLIF(SUM(s.jobs * w.weight), 0) AS pay
FROM series s
JOIN weights w ON w.from_code = s.soc2010
GROUP BY s.region, s.year, w.to_code
ORDER BY s.region, s.year, soc2020;

-- Reconciliation: what went in, what came out, what had no weights.
SELECT (SELECT SUM(jobs)::DOUBLE FROM series) AS total_in,
       (SELECT SUM(s.jobs * w.weight) FROM series s JOIN weights w ON w.from_code = s.soc2010) AS total_out,
       (SELECT SUM(jobs)::DOUBLE FROM series WHERE soc2010 NOT IN (SELECT from_code FROM weights)) AS total_without_weights;
