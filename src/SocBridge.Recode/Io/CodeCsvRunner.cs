using System.Globalization;
using SocBridge.Core.Csv;
using SocBridge.Recode.Coding;

namespace SocBridge.Recode.Io;

/// <summary>The files of one batch coding run.</summary>
public sealed record CodeCsvRequest(string InputPath, string OutputPath, string TitleColumn, string RejectsPath);

public sealed record CodeCsvReport(CodeCsvRequest Request, int RowsRead, int Coded, int Uncoded, int Rejected);

/// <summary>
/// Codes a CSV file of free-text titles: the input columns are kept and the top candidate is added
/// (soc2020, soc2010, score and titles); rows that cannot be read go to the rejects file with their lines.
/// </summary>
public static class CodeCsvRunner
{
    public static IReadOnlyList<string> AddedColumns { get; } =
        ["line", "soc2020", "soc2020_title", "soc2010", "soc2010_title", "score", "soc2020_runner_up", "runner_up_score", "matched_title"];

    public static CodeCsvReport Run(FreeTextCoder coder, CodeCsvRequest request, Action<double>? progress = null)
    {
        var input = TitleCsvInput.Read(request.InputPath, [request.TitleColumn], request.TitleColumn);
        var titleAt = input.Ordinal(request.TitleColumn);
        var readable = input.Rows.Where(r => r.Problem is null).ToArray();
        var results = coder.CodeAll(readable.Select(r => (string?)r.Fields[titleAt]).ToArray(), 2,
            done => progress?.Invoke(done / (double)Math.Max(1, readable.Length)));
        var taken = input.Header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        AtomicFile.WriteText(request.OutputPath, text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow([.. input.Header, .. AddedColumns.Select(c => taken.Contains(c) ? c + "_coded" : c)]);
            for (var i = 0; i < readable.Length; i++)
            {
                foreach (var f in readable[i].Fields) csv.Write(f);
                var best = results[i].Best;
                var second = results[i].Candidates.Count > 1 ? results[i].Candidates[1] : null;
                csv.Write(readable[i].Line);
                csv.Write(best?.Soc2020.ToString() ?? "");
                csv.Write(best?.Soc2020Title ?? "");
                csv.Write(best?.Soc2010?.ToString() ?? "");
                csv.Write(best?.Soc2010Title ?? "");
                csv.Write(best is null ? "" : best.Score.ToString("0.0", CultureInfo.InvariantCulture));
                csv.Write(second?.Soc2020.ToString() ?? "");
                csv.Write(second is null ? "" : second.Score.ToString("0.0", CultureInfo.InvariantCulture));
                csv.Write(best?.Matches.FirstOrDefault()?.Title ?? "");
                csv.EndRow();
            }
            csv.Flush();
        });
        input.WriteRejects(request.RejectsPath);
        var coded = results.Count(r => r.Best is not null);
        return new CodeCsvReport(request, input.Rows.Count, coded, readable.Length - coded, input.Rows.Count - readable.Length);
    }
}
