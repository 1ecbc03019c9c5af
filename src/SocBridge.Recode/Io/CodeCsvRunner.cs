using System.Diagnostics;
using System.Globalization;
using System.Text;
using SocBridge.Core.Csv;
using SocBridge.Core.Files;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Industry;
using SocBridge.Recode.Recoding;
using SocBridge.Recode.Text;
using Sylvan.Data.Csv;

namespace SocBridge.Recode.Io;

/// <summary>
/// The files and columns of one batch coding run. With <see cref="CodeColumn"/> (a SOC2010 code per row)
/// a row is recoded (title and SOC2010 to SOC2020); without it, or where that code is missing or invalid,
/// the title is coded as free text. <see cref="Threshold"/>: a free-text row whose calibrated probability
/// is below it is left uncoded for review (recoded rows follow the recoder's own threshold).
/// </summary>
/// <param name="InputPath">The CSV file to code: UTF-8 (or with a byte-order mark), comma-separated, with a header line.</param>
/// <param name="OutputPath">Where every readable row is written, with the input columns kept and <see cref="CodeCsvRunner.AddedColumns"/> added.</param>
/// <param name="TitleColumn">The column holding the job title.</param>
/// <param name="RejectsPath">Where the rows that cannot be read are written, with their line numbers and the reason.</param>
/// <param name="IndustryColumn">The column holding the employer's industry; null when the file has none.</param>
/// <param name="CodeColumn">The column holding a SOC2010 code; null to code every title as free text.</param>
/// <param name="Threshold">The calibrated probability (0–1) below which a free-text title is left uncoded (method <c>review</c>).</param>
public sealed record CodeCsvRequest(
    string InputPath,
    string OutputPath,
    string TitleColumn,
    string RejectsPath,
    string? IndustryColumn = null,
    string? CodeColumn = null,
    double Threshold = 0)
{
    /// <summary>Rows read, coded and written per step; memory depends on this and the caches, not on the file's length.</summary>
    public int ChunkRows { get; init; } = 1 << 16;

    /// <summary>Distinct titles remembered (as read, and as normalised) before the memory is cleared; bounds memory on endless files.</summary>
    public int CacheEntries { get; init; } = 1 << 19;

    /// <summary>
    /// Refuses the request when an output file is the input (by any name: symbolic links are followed), when the two
    /// outputs are one file, or when an output path is a folder. <see cref="CodeCsvRunner.Run"/> checks this before it
    /// reads anything; a caller can check it before loading the models.
    /// </summary>
    /// <exception cref="ArgumentException">The paths conflict; the message names them.</exception>
    public void CheckPaths() => TitleCsvInput.CheckPaths(InputPath, ("output", OutputPath), ("rejects", RejectsPath));
}

/// <summary>What a batch coding run did.</summary>
/// <param name="Request">The run's files and columns.</param>
/// <param name="RowsRead">Data rows in the input file.</param>
/// <param name="Coded">Rows given a SOC2020 group.</param>
/// <param name="Uncoded">Rows written without one (left for review, or nothing resembles the title).</param>
/// <param name="Rejected">Rows that could not be read (written to the rejects file).</param>
/// <param name="Recoded">Rows recoded from their SOC2010 code rather than coded as free text.</param>
/// <param name="DistinctTitles">Distinct titles as written (with industry and code; case and spacing ignored) read into words.</param>
/// <param name="TitlesCoded">Distinct normalised titles coded.</param>
/// <param name="Elapsed">The time the run took.</param>
public sealed record CodeCsvReport(
    CodeCsvRequest Request, long RowsRead, long Coded, long Uncoded, long Rejected, long Recoded, long DistinctTitles, long TitlesCoded, TimeSpan Elapsed);

/// <summary>
/// Codes a CSV file of job titles (adverts, survey answers) as a stream, in chunks of
/// <see cref="CodeCsvRequest.ChunkRows"/> rows: each distinct raw title (with its industry and SOC2010
/// code) is read into words once, each distinct normalised title is coded once, the titles new to a chunk
/// are coded on all cores, and the rows are written in input order with the input columns kept and
/// <see cref="AddedColumns"/> added. Memory is bounded by the chunk and the two caches, so any number of
/// rows can be coded. Rows that cannot be read go to the rejects file with their line numbers. Both files are
/// written to temporary files and renamed into place together once both are complete; an output may not be the
/// input, and a failed run leaves neither.
/// </summary>
public static class CodeCsvRunner
{
    /// <summary>
    /// The columns added after the input's own, in order; an added name the input already has gets the suffix <c>_coded</c>.
    /// <c>method</c> is <c>free_text</c>, <c>review</c> or <c>no_match</c> for a title coded as free text, or the recoder's method name for a recoded row.
    /// </summary>
    public static IReadOnlyList<string> AddedColumns { get; } =
        ["line", "soc2020", "soc2020_title", "soc2010", "soc2010_title", "score", "method", "soc2020_runner_up", "matched_title"];

    /// <summary>Codes the file; <paramref name="recoder"/> is needed only with a code column. <paramref name="progress"/> hears the rows done.</summary>
    /// <param name="coder">The free-text coder.</param>
    /// <param name="recoder">The recoder for rows with a SOC2010 code; null when <see cref="CodeCsvRequest.CodeColumn"/> is null.</param>
    /// <param name="request">The files, columns and threshold.</param>
    /// <param name="progress">Hears the number of rows read after each chunk; null for none.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="ArgumentException">The request names a code column and <paramref name="recoder"/> is null, or an output file is the input (by any name), the other output, or a folder.</exception>
    /// <exception cref="FileNotFoundException">The input file does not exist.</exception>
    /// <exception cref="InvalidDataException">The input is empty, lacks a named column, or has a record too long to be CSV.</exception>
    /// <exception cref="IOException">A file cannot be read or written.</exception>
    public static CodeCsvReport Run(FreeTextCoder coder, Recoder? recoder, CodeCsvRequest request, Action<long>? progress = null)
    {
        if (request.CodeColumn is not null && recoder is null) throw new ArgumentException("a code column needs a recoder", nameof(recoder));
        var watch = Stopwatch.StartNew();
        var path = request.InputPath;
        request.CheckPaths();
        StagedFiles.RemoveStale([request.OutputPath, request.RejectsPath]);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: input file not found", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (stream.Length == 0) throw new InvalidDataException($"{path}: the file is empty; expected a header line naming the columns");
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, 1 << 16);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', MaxBufferSize = TitleCsvInput.MaxRecordChars });
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"{path}: the file is empty; expected a header line naming the columns");
        var shape = new TitleCsvInput(path, header, []);
        var titleAt = shape.Ordinal(request.TitleColumn);
        var industryAt = request.IndustryColumn is { } ic ? shape.Ordinal(ic) : -1;
        var codeAt = request.CodeColumn is { } cc ? shape.Ordinal(cc) : -1;
        var state = new RunState(coder, recoder, request);
        var rejects = new List<InputRow>();
        long rows = 0, coded = 0, uncoded = 0, recoded = 0;
        var taken = header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var files = new StagedFiles();
        files.WriteText(request.OutputPath, output =>
        {
            var writer = new CsvFieldWriter(output);
            writer.WriteRow([.. header, .. AddedColumns.Select(c => taken.Contains(c) ? c + "_coded" : c)]);
            var chunk = new List<InputRow>(request.ChunkRows);
            var more = true;
            while (more)
            {
                chunk.Clear();
                try
                {
                    while (chunk.Count < request.ChunkRows && (more = csv.Read()))
                    {
                        var fields = new string[csv.RowFieldCount];
                        for (var i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
                        var row = TitleCsvInput.Check(csv.RowNumber + 1, fields, header.Length, titleAt);
                        rows++;
                        if (row.Problem is null) chunk.Add(row);
                        else rejects.Add(row);
                    }
                }
                catch (CsvRecordTooLargeException e)
                {
                    throw new InvalidDataException($"{path}: line {csv.RowNumber + 2}: a record longer than {TitleCsvInput.MaxRecordChars:N0} characters; is the file CSV?", e);
                }
                var answers = state.Code(chunk, titleAt, industryAt, codeAt);
                for (var i = 0; i < chunk.Count; i++)
                {
                    foreach (var f in chunk[i].Fields) writer.Write(f);
                    writer.Write(chunk[i].Line);
                    var a = answers[i];
                    writer.WriteRaw(a.Columns);
                    writer.EndRow();
                    if (a.Coded) coded++;
                    else uncoded++;
                    if (a.Recoded) recoded++;
                }
                progress?.Invoke(rows);
            }
            writer.Flush();
        });
        files.WriteText(request.RejectsPath, output => TitleCsvInput.WriteRejects(output, header, rejects));
        files.Publish();
        return new CodeCsvReport(request, rows, coded, uncoded, rejects.Count, recoded, state.DistinctTitles, state.TitlesCoded, watch.Elapsed);
    }

    /// <summary>A row's answer: the added columns (after <c>line</c>) already joined as CSV, and whether it was coded.</summary>
    private sealed record Answer(string Columns, bool Coded, bool Recoded);

    /// <summary>The caches of one run: raw title (with industry and code) to normalised key, and normalised key to answer.</summary>
    private sealed class RunState(FreeTextCoder coder, Recoder? recoder, CodeCsvRequest request)
    {
        private readonly Dictionary<string, string> _keyOfRaw = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Answer> _answerOfKey = new(StringComparer.Ordinal);

        public long DistinctTitles { get; private set; }

        public long TitlesCoded { get; private set; }

        public Answer[] Code(IReadOnlyList<InputRow> chunk, int titleAt, int industryAt, int codeAt)
        {
            if (_keyOfRaw.Count > request.CacheEntries) _keyOfRaw.Clear();
            if (_answerOfKey.Count > request.CacheEntries) _answerOfKey.Clear();
            // 1. Raw titles new to the run are read into words once (in parallel).
            var raw = new string[chunk.Count];
            var newRaw = new Dictionary<string, (string Title, string Industry, string Code)>(StringComparer.Ordinal);
            for (var i = 0; i < chunk.Count; i++)
            {
                var f = chunk[i].Fields;
                var (title, industry, code) = (f[titleAt], industryAt >= 0 ? f[industryAt] : "", codeAt >= 0 ? f[codeAt].Trim() : "");
                // Case and spacing never change how a title is read, so "CARE ASSISTANT" and "Care  assistant" are read once.
                raw[i] = string.Concat(Fold(title), "\u001f", Fold(industry), "\u001f", code);
                if (!_keyOfRaw.ContainsKey(raw[i])) newRaw.TryAdd(raw[i], (title, industry, code));
            }
            var fresh = newRaw.ToArray();
            var terms = new TitleTerms[fresh.Length];
            Parallel.For(0, fresh.Length, i => terms[i] = IndustryContext.AddTo(coder.Read(fresh[i].Value.Title), fresh[i].Value.Industry));
            DistinctTitles += fresh.Length;
            // 2. Normalised titles new to the run are coded once.
            var todo = new Dictionary<string, (string Title, string Code, TitleTerms Terms)>(StringComparer.Ordinal);
            for (var i = 0; i < fresh.Length; i++)
            {
                var key = terms[i].Text + "|" + string.Join(' ', terms[i].Qualifiers) + "|" + fresh[i].Value.Code;
                _keyOfRaw[fresh[i].Key] = key;
                if (!_answerOfKey.ContainsKey(key)) todo.TryAdd(key, (fresh[i].Value.Title, fresh[i].Value.Code, terms[i]));
            }
            var work = todo.ToArray();
            var answers = new Answer[work.Length];
            var toRecode = recoder is null ? [] : Enumerable.Range(0, work.Length).Where(i => work[i].Value.Code.Length > 0).ToArray();
            if (toRecode.Length > 0)
            {
                var results = recoder!.RecodeParsed([.. toRecode.Select(i => new Recoder.ParsedInput(work[i].Value.Title, work[i].Value.Code, work[i].Value.Terms))]);
                for (var k = 0; k < toRecode.Length; k++)
                    if (results[k].Method != RecodeMethod.Invalid) answers[toRecode[k]] = FromRecode(results[k]);
            }
            Parallel.For(0, work.Length, i =>
            {
                if (answers[i] is null) answers[i] = FromCoding(coder.CodeTerms(work[i].Value.Title, work[i].Value.Terms, 2), request.Threshold);
            });
            TitlesCoded += work.Length;
            for (var i = 0; i < work.Length; i++) _answerOfKey[work[i].Key] = answers[i];
            var result = new Answer[chunk.Count];
            for (var i = 0; i < chunk.Count; i++) result[i] = _answerOfKey[_keyOfRaw[raw[i]]];
            return result;
        }

        private static string Fold(string text)
        {
            var folded = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return folded.ToLowerInvariant();
        }

        private Answer FromRecode(RecodeResult r)
        {
            var soc2020 = r.Soc2020?.ToString() ?? "";
            var title = r.Soc2020 is { } c ? r.Candidates.FirstOrDefault(x => x.Soc2020 == c)?.Title ?? "" : "";
            var soc2010 = r.Soc2010?.ToString() ?? "";
            var matched = r.Candidates.FirstOrDefault()?.NearestTitles.FirstOrDefault() ?? "";
            return new Answer(Join(soc2020, title, soc2010, Soc2010Title(r), Score(r.Confidence), r.Method.Name(), r.RunnerUp?.ToString() ?? "", matched), r.IsCoded, true);
        }

        private string Soc2010Title(RecodeResult r) => r.Soc2010 is { } s && coder.Release.Soc2010.TryGet(s, out var g) ? g.DisplayTitle : "";

        private static Answer FromCoding(CodingResult result, double threshold)
        {
            if (result.Best is not { } best) return new Answer(Join("", "", "", "", "", "no_match", "", ""), false, false);
            var ok = best.Probability >= threshold;
            var second = result.Candidates.Count > 1 ? result.Candidates[1].Soc2020.ToString() : "";
            return new Answer(Join(ok ? best.Soc2020.ToString() : "", ok ? best.Soc2020Title : "", ok ? best.Soc2010?.ToString() ?? "" : "",
                ok ? best.Soc2010Title : "", Score(best.Probability), ok ? "free_text" : "review", ok ? second : best.Soc2020.ToString(),
                best.Matches.FirstOrDefault()?.Title ?? ""), ok, false);
        }

        private static string Score(double p) => double.IsNaN(p) ? "" : p.ToString("0.####", CultureInfo.InvariantCulture);

        private static string Join(params string[] fields) => CsvFieldWriter.JoinRow(fields) ?? "";
    }
}
