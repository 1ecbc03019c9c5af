using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli.Commands.Code;

public static class CodeCommandDefinition
{
    public static Command Create()
    {
        var title = new Argument<string?>("title") { Description = "A job title as written, e.g. \"snr sofware engineer - London\"", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "Candidates to list", DefaultValueFactory = _ => 5 };
        top.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 50) r.AddError("--top must be between 1 and 50"); });
        var format = CommonOptions.Format();
        var input = new Option<FileInfo?>("--in") { Description = "Batch mode: a CSV file of titles" };
        var output = new Option<FileInfo?>("--out") { Description = "Batch mode: the input columns plus soc2020, soc2010 and score of the top candidate" };
        var titleColumn = new Option<string?>("--title-column") { Description = "Batch mode: the column holding the title" };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Batch mode: rows that cannot be read (default: OUT.rejects.csv)" };
        var industry = new Option<string?>("--industry") { Description = "The employer's industry: a SIC2007 section (C) or division (13), or free text" };
        var industryColumn = new Option<string?>("--industry-column") { Description = "Batch mode: the column holding the employer's industry (SIC2007 section, division or free text)" };
        var codeColumn = new Option<string?>("--code-column") { Description = "Batch mode: a column holding a SOC2010 code; such rows are recoded (title and SOC2010 to SOC2020)" };
        var threshold = new Option<double>("--threshold") { Description = "Batch mode: free-text titles whose calibrated probability is below this are left uncoded (method review)", DefaultValueFactory = _ => 0 };
        threshold.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN) r.AddError("--threshold must be between 0 and 1"); });
        var modelCache = ModelLoading.CacheOption();
        var command = new Command("code", "Code a free-text job title to SOC2020 and SOC2010: ranked candidates with scores 0–100, calibrated probabilities and the index titles matched")
        {
            title, top, format, input, output, titleColumn, rejects, industry, industryColumn, codeColumn, threshold, modelCache,
        };
        command.Validators.Add(r =>
        {
            var batch = r.GetValue(input) is not null;
            var single = r.GetValue(title) is not null;
            if (batch == single) r.AddError("give either a TITLE or --in FILE");
            if (batch && r.GetValue(output) is null) r.AddError("--out is required with --in");
            if (batch && string.IsNullOrWhiteSpace(r.GetValue(titleColumn))) r.AddError("--title-column is required with --in");
        });
        command.SetAction(pr => CliContext.Run(pr, ctx =>
        {
            var cmd = new CodeCommand(ctx);
            if (pr.GetValue(input) is { } file)
            {
                var outPath = pr.GetValue(output)!.FullName;
                return cmd.ExecuteBatch(new SocBridge.Recode.Io.CodeCsvRequest(file.FullName, outPath, pr.GetValue(titleColumn)!,
                    pr.GetValue(rejects)?.FullName ?? Path.ChangeExtension(outPath, null) + ".rejects.csv",
                    pr.GetValue(industryColumn), pr.GetValue(codeColumn), pr.GetValue(threshold)), pr.GetValue(modelCache));
            }
            return cmd.Execute(pr.GetValue(title)!, pr.GetValue(top), pr.GetValue(format), pr.GetValue(industry), pr.GetValue(modelCache));
        }));
        return command;
    }
}
