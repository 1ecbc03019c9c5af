using System.Globalization;
using SocBridge.Core.Csv;
using SocBridge.Core.Files;
using SocBridge.Recode.Recoding;

namespace SocBridge.Recode.Io;

/// <summary>The files and columns of one recode run; <see cref="IndustryColumn"/>, when given, holds each row's industry (a SIC2007 section or division, or free text).</summary>
/// <param name="InputPath">The CSV file to recode: UTF-8 (or with a byte-order mark), comma-separated, with a header line.</param>
/// <param name="OutputPath">Where every readable row is written, with the input columns kept and <see cref="RecodeCsvRunner.AddedColumns"/> added.</param>
/// <param name="TitleColumn">The column holding the job title.</param>
/// <param name="CodeColumn">The column holding the SOC2010 unit group.</param>
/// <param name="ReviewPath">Where the rows left for review (or with an invalid code) are written, one row per candidate with its evidence.</param>
/// <param name="RejectsPath">Where the rows that cannot be read are written, with their line numbers and the reason.</param>
/// <param name="IndustryColumn">The column holding the employer's industry; null when the file has none.</param>
public sealed record RecodeCsvRequest(string InputPath, string OutputPath, string TitleColumn, string CodeColumn, string ReviewPath, string RejectsPath, string? IndustryColumn = null)
{
    /// <summary>
    /// Refuses the request when an output file is the input (by any name: symbolic links are followed), when two
    /// outputs are one file, or when an output path is a folder. <see cref="RecodeCsvRunner.Run"/> checks this before
    /// it reads anything; a caller can check it before loading the models.
    /// </summary>
    /// <exception cref="ArgumentException">The paths conflict; the message names them.</exception>
    public void CheckPaths() => TitleCsvInput.CheckPaths(InputPath, ("output", OutputPath), ("review", ReviewPath), ("rejects", RejectsPath));
}

/// <summary>What a recode run did: rows read, rows per method, rows for review, rows rejected.</summary>
/// <param name="Request">The run's files and columns.</param>
/// <param name="RowsRead">Data rows in the input file.</param>
/// <param name="Rejected">Rows that could not be read (written to the rejects file).</param>
/// <param name="ByMethod">Rows written, by how they were recoded.</param>
public sealed record RecodeCsvReport(RecodeCsvRequest Request, int RowsRead, int Rejected, IReadOnlyDictionary<RecodeMethod, int> ByMethod)
{
    /// <summary>Rows written to the output file.</summary>
    public int Written => ByMethod.Values.Sum();

    /// <summary>Rows left for review or with an invalid SOC2010 code (written to the review file).</summary>
    public int ForReview => ByMethod.GetValueOrDefault(RecodeMethod.Review) + ByMethod.GetValueOrDefault(RecodeMethod.Invalid);
}

/// <summary>
/// Recodes a CSV file of titles and SOC2010 codes. Every readable row is written to the output with the
/// input columns kept and the recoding appended; rows to review also go to the review file with their top
/// candidates and evidence; unreadable rows go to the rejects file with their line numbers. The three files
/// are written to temporary files and renamed into place together once all are complete; an output may not be
/// the input, and a failed run leaves none of them.
/// </summary>
public static class RecodeCsvRunner
{
    /// <summary>
    /// The columns added after the input's own, in order; an added name the input already has gets the suffix <c>_recoded</c>.
    /// </summary>
    public static IReadOnlyList<string> AddedColumns { get; } =
        ["line", "soc2010_unit", "soc2020", "soc2020_title", "soc2020_ext", "method", "confidence", "best_candidate", "runner_up", "margin", "note"];

    /// <summary>Reads the input, recodes every readable row and writes the output, review and rejects files.</summary>
    /// <param name="recoder">The recoder to use.</param>
    /// <param name="request">The files and columns.</param>
    /// <param name="progress">Hears the share of rows recoded (0–1); null for none.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="ArgumentException">An output file is the input (by any name), another output, or a folder; nothing is read or written.</exception>
    /// <exception cref="FileNotFoundException">The input file does not exist.</exception>
    /// <exception cref="InvalidDataException">The input is empty, lacks a named column, or has a record too long to be CSV.</exception>
    /// <exception cref="IOException">A file cannot be read or written.</exception>
    public static RecodeCsvReport Run(Recoder recoder, RecodeCsvRequest request, Action<double>? progress = null)
    {
        request.CheckPaths();
        StagedFiles.RemoveStale([request.OutputPath, request.ReviewPath, request.RejectsPath]);
        var input = TitleCsvInput.Read(request.InputPath, [request.TitleColumn, request.CodeColumn, .. request.IndustryColumn is { } ic ? [ic] : Array.Empty<string>()], request.TitleColumn);
        var titleAt = input.Ordinal(request.TitleColumn);
        var codeAt = input.Ordinal(request.CodeColumn);
        var industryAt = request.IndustryColumn is { } column ? input.Ordinal(column) : -1;
        var readable = input.Rows.Where(r => r.Problem is null).ToArray();
        var results = recoder.RecodeAll(readable.Select(r => new RecodeInput(r.Fields[titleAt], r.Fields[codeAt], industryAt >= 0 ? r.Fields[industryAt] : null)).ToArray(),
            done => progress?.Invoke(done / (double)Math.Max(1, readable.Length)));
        var header = OutputHeader(input.Header);
        using var files = new StagedFiles();
        files.WriteText(request.OutputPath, text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow([.. header]);
            for (var i = 0; i < readable.Length; i++)
            {
                foreach (var f in readable[i].Fields) csv.Write(f);
                var r = results[i];
                csv.Write(readable[i].Line);
                csv.Write(r.Soc2010?.ToString() ?? "");
                csv.Write(r.Soc2020?.ToString() ?? "");
                csv.Write(r.Soc2020 is { } c ? r.Candidates.FirstOrDefault(x => x.Soc2020 == c)?.Title ?? "" : "");
                csv.Write(r.Soc2020Ext);
                csv.Write(r.Method.Name());
                csv.Write(Round(r.Confidence));
                csv.Write(r.Best?.ToString() ?? "");
                csv.Write(r.RunnerUp?.ToString() ?? "");
                csv.Write(Round(r.Margin));
                csv.Write(r.Problem ?? "");
                csv.EndRow();
            }
            csv.Flush();
        });
        files.WriteText(request.ReviewPath, text => WriteReview(text, readable, results, titleAt));
        files.WriteText(request.RejectsPath, input.WriteRejects);
        files.Publish();
        var byMethod = results.GroupBy(r => r.Method).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        return new RecodeCsvReport(request, input.Rows.Count, input.Rows.Count - readable.Length, byMethod);
    }

    /// <summary>One row per candidate (up to three) of every title left for review, with the evidence for each.</summary>
    private static void WriteReview(TextWriter text, IReadOnlyList<InputRow> rows, IReadOnlyList<RecodeResult> results, int titleAt)
    {
        var csv = new CsvFieldWriter(text);
        csv.WriteRow("line", "title", "soc2010", "rank", "soc2020", "soc2020_title", "probability", "crosswalk_weight", "index_titles_on_pair",
            "fuzzy_similarity", "classifier_score", "nearest_index_titles", "note");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (!r.NeedsReview) continue;
            if (r.Candidates.Count == 0)
            {
                csv.WriteRow(rows[i].Line.ToString(CultureInfo.InvariantCulture), rows[i].Fields[titleAt], r.Soc2010Text, "", "", "", "", "", "", "", "", "", r.Problem ?? "");
                continue;
            }
            for (var k = 0; k < r.Candidates.Count; k++)
            {
                var c = r.Candidates[k];
                csv.Write(rows[i].Line);
                csv.Write(rows[i].Fields[titleAt]);
                csv.Write(r.Soc2010Text);
                csv.Write(k + 1);
                csv.Write(c.Soc2020.ToString());
                csv.Write(c.Title);
                csv.Write(Round(c.Probability));
                csv.Write(Round(c.CrosswalkWeight));
                csv.Write(c.IndexTitles);
                csv.Write(Round(c.Fuzzy));
                csv.Write(Round(c.Classifier));
                csv.Write(string.Join(" | ", c.NearestTitles));
                csv.Write(k == 0 ? r.Problem ?? "" : "");
                csv.EndRow();
            }
        }
        csv.Flush();
    }

    private static IReadOnlyList<string> OutputHeader(IReadOnlyList<string> inputHeader)
    {
        var taken = inputHeader.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. inputHeader, .. AddedColumns.Select(c => taken.Contains(c) ? c + "_recoded" : c)];
    }

    private static double Round(double v) => double.IsNaN(v) ? double.NaN : Math.Round(v, 4);
}
