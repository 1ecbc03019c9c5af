using System.Globalization;
using SocBridge.Core.Csv;
using SocBridge.Recode.Recoding;

namespace SocBridge.Recode.Evaluation;

/// <summary>
/// Every held-out decision of an evaluation, one row per title and input variant: what the recoder was given, what
/// it chose with what confidence, and what the index says is right. It lets a reader check any figure of the report
/// and study the errors.
/// </summary>
internal static class EvaluationPredictions
{
    /// <summary>The file's columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "variant", "fold", "recno", "soc2010", "input_title", "index_title", "soc2020", "best", "correct", "method", "confidence",
        "runner_up", "margin", "split_group", "right_is_candidate", "modal", "note",
    ];

    /// <summary>Writes the rows of every variant, in variant order and then in the order the titles were held out.</summary>
    public static void Write(string path, IReadOnlyList<(string Variant, IReadOnlyList<RecodeOutcome> Outcomes)> variants) =>
        AtomicFile.WriteText(path, text =>
        {
            var csv = new CsvFieldWriter(text);
            csv.WriteRow([.. Columns]);
            foreach (var (variant, outcomes) in variants)
                foreach (var o in outcomes)
                {
                    var r = o.Result;
                    csv.Write(variant);
                    csv.Write(o.Fold + 1);
                    csv.Write(o.Title.Entry.RecordNumber);
                    csv.Write(o.Title.Soc2010.ToString());
                    csv.Write(r.Title);
                    csv.Write(o.Title.Entry.QualifiedTitle);
                    csv.Write(o.Truth.ToString());
                    csv.Write(r.Best?.ToString() ?? "");
                    csv.Write(o.Correct);
                    csv.Write(r.Method.Name());
                    csv.Write(r.Confidence.ToString("0.######", CultureInfo.InvariantCulture));
                    csv.Write(r.RunnerUp?.ToString() ?? "");
                    csv.Write(r.Margin.ToString("0.######", CultureInfo.InvariantCulture));
                    csv.Write(o.SplitGroup);
                    csv.Write(o.TruthIsCandidate);
                    csv.Write(o.Modal.ToString());
                    csv.Write(r.Problem ?? "");
                    csv.EndRow();
                }
        });
}
