using System.CommandLine;
using SocBridge.Cli.Infrastructure;
using SocBridge.Recode.Recoding;

namespace SocBridge.Cli.Commands.Recode;

public static class RecodeCommandDefinition
{
    public static Command Create()
    {
        var input = new Option<FileInfo?>("--in") { Description = "Titles to recode (CSV with a header)" };
        var output = new Option<FileInfo?>("--out") { Description = $"Output: the input columns plus {string.Join(", ", SocBridge.Recode.Io.RecodeCsvRunner.AddedColumns)} (an added name the input already has gets the suffix _recoded)" };
        var titleColumn = new Option<string?>("--title-column") { Description = "Column holding the job title" };
        var codeColumn = new Option<string?>("--code-column") { Description = "Column holding the SOC2010 unit group" };
        var review = new Option<FileInfo?>("--review") { Description = "Review queue: top 3 candidates with evidence per title below the threshold (default: OUT.review.csv)" };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Rows that cannot be read, with line numbers (default: OUT.rejects.csv)" };
        var industryColumn = new Option<string?>("--industry-column") { Description = "Column holding the employer's industry: a SIC2007 section (C) or division (13), or free text; read against the index's industry qualifiers" };
        var threshold = Threshold();
        var modelCache = ModelLoading.CacheOption();
        var command = new Command("recode", "Recode job titles coded to SOC2010 into SOC2020: exact title, one-to-one group, or a calibrated choice among the candidates")
        {
            input, output, titleColumn, codeColumn, industryColumn, review, rejects, threshold, modelCache, EvaluateCommandDefinition.Create(),
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(input) is null) r.AddError("--in is required");
            if (r.GetValue(output) is null) r.AddError("--out is required");
            if (string.IsNullOrWhiteSpace(r.GetValue(titleColumn))) r.AddError("--title-column is required");
            if (string.IsNullOrWhiteSpace(r.GetValue(codeColumn))) r.AddError("--code-column is required");
        });
        command.SetAction(pr => CliContext.Run(pr, ctx =>
        {
            var outPath = pr.GetValue(output)!.FullName;
            var stem = Path.ChangeExtension(outPath, null);
            return new RecodeCommand(ctx).Execute(new SocBridge.Recode.Io.RecodeCsvRequest(
                pr.GetValue(input)!.FullName, outPath, pr.GetValue(titleColumn)!, pr.GetValue(codeColumn)!,
                pr.GetValue(review)?.FullName ?? stem + ".review.csv", pr.GetValue(rejects)?.FullName ?? stem + ".rejects.csv", pr.GetValue(industryColumn)),
                new RecodeOptions { Threshold = pr.GetValue(threshold) }, pr.GetValue(modelCache));
        }));
        return command;
    }

    internal static Option<double> Threshold()
    {
        var threshold = new Option<double>("--threshold")
        {
            Description = "Confidence (0–1) below which a scored title goes to review",
            DefaultValueFactory = _ => RecodeOptions.DefaultThreshold,
        };
        threshold.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN) r.AddError("--threshold must be between 0 and 1"); });
        return threshold;
    }
}

public static class EvaluateCommandDefinition
{
    public static Command Create()
    {
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds", DefaultValueFactory = _ => 5 };
        folds.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 2 or > 20) r.AddError("--folds must be between 2 and 20"); });
        var seed = new Option<int>("--seed") { Description = "Seed of the fold assignment and the models", DefaultValueFactory = _ => 1 };
        var threshold = RecodeCommandDefinition.Threshold();
        var runFolds = new Option<int?>("--run-folds") { Description = "Run only the first N folds (quicker, less precise)" };
        var sample = new Option<int?>("--sample") { Description = "Recode at most N held-out titles per fold" };
        var skipCoder = new Option<bool>("--skip-coder") { Description = "Evaluate the recoder only, not the free-text coder" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var predictions = new Option<FileInfo?>("--predictions") { Description = "Also write every held-out decision (title, variant, fold, truth, choice, confidence, method) to this CSV file" };
        var command = new Command("evaluate", "Grouped cross-validation on the ONS coding index: recoder accuracy vs the modal baseline, coverage–precision by threshold, and the free-text coder's top-1/top-5")
        {
            folds, seed, threshold, runFolds, sample, skipCoder, format, predictions,
        };
        command.SetAction(pr => CliContext.Run(pr, ctx => new RecodeCommand(ctx).Evaluate(
            new SocBridge.Recode.Evaluation.EvaluationOptions
            {
                Folds = pr.GetValue(folds), Seed = pr.GetValue(seed), FoldsToRun = pr.GetValue(runFolds), MaxTitlesPerFold = pr.GetValue(sample),
                Recode = new RecodeOptions { Threshold = pr.GetValue(threshold), Seed = pr.GetValue(seed) },
            }, !pr.GetValue(skipCoder), pr.GetValue(format) == "json", pr.GetValue(predictions))));
        return command;
    }
}
