using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Recode.Industry;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>
/// Recodes (job title, SOC2010 unit group) pairs to SOC2020 by a cascade: exact normalised title in
/// the index under the same SOC2010 group; a SOC2010 group with a single candidate; otherwise the
/// candidate with the highest calibrated probability, or the review queue when that probability is
/// below the threshold. Thread-safe; batches are faster than single calls.
/// </summary>
public sealed class Recoder
{
    private const int ChunkSize = 4096;

    private readonly SocRelease _release;
    private readonly Dictionary<SocCode, string> _singleExtension;
    private readonly Lazy<SeeReferences> _see;

    internal Recoder(SocRelease release, RecodeModel model, RecodeOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _release = release;
        _see = new(() => model.Evidence.See ?? new SeeReferences(release.Index.Entries), LazyThreadSafetyMode.ExecutionAndPublication);
        Model = model;
        Options = options;
        _singleExtension = release.Extensions
            .GroupBy(x => x.UnitGroup)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => SocCode.Parse(g.Key, SocVersion.Soc2020), g => g.Single().Code);
    }

    internal RecodeModel Model { get; }

    /// <summary>The settings the recoder was built with; <see cref="RecodeOptions.Threshold"/> decides what goes to review.</summary>
    public RecodeOptions Options { get; }

    /// <summary>Builds the model from every coded index title of the release and returns a recoder using it.</summary>
    /// <remarks>This trains the model (seconds to minutes); <see cref="ModelStore.LoadRecoder"/> loads a cached one.</remarks>
    /// <param name="corpus">The release to recode with.</param>
    /// <param name="options">The recoder's settings; null for the defaults.</param>
    /// <returns>A recoder over the whole coding index.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid (<see cref="RecodeOptions.Validate"/>).</exception>
    public static Recoder Create(RecodeCorpus corpus, RecodeOptions? options = null)
    {
        options ??= new RecodeOptions();
        return new Recoder(corpus.Release, RecodeModel.Build(corpus, corpus.IndexTitles, options), options);
    }

    /// <summary>Recodes one title; a bad SOC2010 code gives <see cref="RecodeMethod.Invalid"/>, not an exception.</summary>
    /// <param name="title">The job title as written.</param>
    /// <param name="soc2010">The SOC2010 unit group as written.</param>
    /// <param name="industry">The employer's industry: a SIC2007 section or division code, or free text; null when not known.</param>
    /// <returns>The SOC2020 group, or the candidates for review, and how they were reached.</returns>
    public RecodeResult Recode(string? title, string? soc2010, string? industry = null) => RecodeAll([new RecodeInput(title, soc2010, industry)])[0];

    /// <summary>Recodes every input, in order; <paramref name="progress"/> receives the count done so far.</summary>
    /// <param name="inputs">The titles, SOC2010 codes and industries.</param>
    /// <param name="progress">Hears the number of inputs done after each chunk; null for none.</param>
    /// <returns>One result per input, in input order.</returns>
    public IReadOnlyList<RecodeResult> RecodeAll(IReadOnlyList<RecodeInput> inputs, Action<int>? progress = null)
    {
        var results = new RecodeResult[inputs.Count];
        for (var start = 0; start < inputs.Count; start += ChunkSize)
        {
            var end = Math.Min(inputs.Count, start + ChunkSize);
            var chunk = new ParsedInput[end - start];
            for (var i = start; i < end; i++)
                chunk[i - start] = new ParsedInput(inputs[i].Title ?? "", inputs[i].Soc2010 ?? "",
                    IndustryContext.AddTo(TitleTerms.Parse(inputs[i].Title), inputs[i].Industry));
            var done = RecodeParsed(chunk);
            done.CopyTo(results, start);
            progress?.Invoke(end);
        }
        return results;
    }

    /// <summary>
    /// Recodes titles written as in job adverts: each is read like free text (advert words, pay and hours
    /// dropped, the index's SEE references applied, unknown words spelling-corrected) before the cascade.
    /// </summary>
    /// <param name="inputs">The titles as written in adverts, with their SOC2010 codes and industries.</param>
    /// <returns>One result per input, in input order.</returns>
    public IReadOnlyList<RecodeResult> RecodeFreeText(IReadOnlyList<RecodeInput> inputs)
    {
        var see = _see.Value;
        var vocabulary = Model.Evidence.References.Vocabulary;
        var parsed = new ParsedInput[inputs.Count];
        Parallel.For(0, inputs.Count, i => parsed[i] = new ParsedInput(inputs[i].Title ?? "", inputs[i].Soc2010 ?? "",
            IndustryContext.AddTo(TitleTerms.ParseFreeText(inputs[i].Title, vocabulary, see), inputs[i].Industry)));
        var results = new RecodeResult[inputs.Count];
        for (var start = 0; start < inputs.Count; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, inputs.Count - start);
            RecodeParsed(new ArraySegment<ParsedInput>(parsed, start, count)).CopyTo(results, start);
        }
        return results;
    }

    /// <summary>A title already read into words (by the free-text reader, for adverts), with its SOC2010 code as given.</summary>
    internal readonly record struct ParsedInput(string Title, string Soc2010Text, TitleTerms Terms);

    /// <summary>Recodes titles already read into words, in order.</summary>
    internal RecodeResult[] RecodeParsed(IReadOnlyList<ParsedInput> inputs)
    {
        var results = new RecodeResult[inputs.Count];
        var pending = new List<(int Index, SocCode Soc2010, TitleTerms Terms, IReadOnlyList<SocCode> Shared)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var (title, codeText, terms) = inputs[i];
            if (!SocCode.TryParse(codeText, SocVersion.Soc2010, out var code, out var error))
            {
                results[i] = Invalid(title, codeText, null, $"SOC2010 code: {error}");
                continue;
            }
            if (code.Level != SocLevel.Unit || !_release.Soc2010.Contains(code))
            {
                results[i] = Invalid(title, codeText, null, code.Level != SocLevel.Unit
                    ? $"SOC2010 code {code} is a {code.Level.Name()}; a unit group (4 digits) is needed"
                    : $"SOC2010 code {code} is not a SOC2010 unit group");
                continue;
            }
            var set = Model.Evidence.Candidates.For(code);
            if (set is null)
            {
                results[i] = Invalid(title, codeText, code, $"SOC2010 {code} has no SOC2020 counterpart in the crosswalk or the index");
                continue;
            }
            var problem = terms.IsEmpty ? "the title is empty" : null;
            if (Model.Evidence.Exact.Find(code, terms) is { } exact)
            {
                var ext = exact.Soc2020Ext.Length > 0 ? exact.Soc2020Ext : _singleExtension.GetValueOrDefault(exact.Soc2020, "");
                results[i] = new RecodeResult(title, codeText, code, exact.Soc2020, ext, RecodeMethod.ExactTitle, 1, exact.Soc2020, null, 1,
                    [new RecodeCandidate(exact.Soc2020, Title(exact.Soc2020), 1, set.Find(exact.Soc2020)?.CrosswalkWeight ?? 0,
                        set.Find(exact.Soc2020)?.IndexTitles ?? 0, 1, double.NaN, [.. exact.Entries.Select(e => e.QualifiedTitle).Take(3)])],
                    exact.ByDefaultEntry ? "matched the index entry without qualifiers" : null);
                continue;
            }
            if (set.IsSingle)
            {
                var only = set.Candidates[0];
                results[i] = new RecodeResult(title, codeText, code, only.Soc2020, _singleExtension.GetValueOrDefault(only.Soc2020, ""),
                    RecodeMethod.OneToOne, 1, only.Soc2020, null, 1,
                    [new RecodeCandidate(only.Soc2020, Title(only.Soc2020), 1, only.CrosswalkWeight, only.IndexTitles, double.NaN, double.NaN, [])], problem);
                continue;
            }
            var shared = terms.Qualifiers.Length == 0 ? Model.Evidence.Exact.SharedTitleCodes(code, terms) : [];
            pending.Add((i, code, terms, shared));
        }
        if (pending.Count == 0) return results;
        var evidence = Model.Evidence.Score(pending.Select(p => (p.Soc2010, p.Terms)).ToArray());
        for (var k = 0; k < pending.Count; k++)
        {
            var (i, code, terms, shared) = pending[k];
            results[i] = Scored(inputs[i].Title, inputs[i].Soc2010Text, code, terms, evidence[k], shared);
        }
        return results;
    }

    private RecodeResult Scored(string title, string codeText, SocCode code, TitleTerms terms, CandidateEvidence[] evidence, IReadOnlyList<SocCode> shared)
    {
        var p = Model.Confidence.Probabilities(evidence.Select(e => e.Features).ToArray());
        // A plain title the index lists under several SOC2020 groups (by qualifier) is one of those groups:
        // the others are dropped and the probabilities renormalised over the index's own choices.
        string? sharedNote = null;
        if (shared.Count > 1 && evidence.Any(e => shared.Contains(e.Candidate.Soc2020)))
        {
            var kept = 0.0;
            for (var k = 0; k < p.Length; k++)
                if (shared.Contains(evidence[k].Candidate.Soc2020)) kept += p[k];
                else p[k] = 0;
            for (var k = 0; k < p.Length; k++) p[k] = kept > 0 ? p[k] / kept : 1.0 / shared.Count;
            sharedNote = $"the index lists this title under {shared.Count} SOC2020 groups by qualifier ({string.Join(", ", shared)}); chosen among them";
        }
        var ranked = evidence.Select((e, k) => (Evidence: e, P: p[k]))
            .OrderByDescending(x => x.P).ThenByDescending(x => x.Evidence.Candidate.JointCount).ThenBy(x => x.Evidence.Candidate.Soc2020)
            .ToArray();
        var best = ranked[0];
        var second = ranked.Length > 1 ? ranked[1] : default;
        var margin = best.P - (ranked.Length > 1 ? second.P : 0);
        // The confidence is the best candidate's probability mapped to how often such a best candidate is right.
        var confidence = Model.TopCalibration.Apply(best.P);
        var candidates = ranked.Take(3).Select(x => new RecodeCandidate(
            x.Evidence.Candidate.Soc2020, Title(x.Evidence.Candidate.Soc2020), x.P, x.Evidence.Candidate.CrosswalkWeight,
            x.Evidence.Candidate.IndexTitles, Math.Max(x.Evidence.FuzzyGroup, x.Evidence.FuzzyCode), x.Evidence.ClassifierScore,
            [.. x.Evidence.Nearest.Take(3).Select(n => n.Reference.Display)])).ToArray();
        var coded = confidence >= Options.Threshold;
        var bestCode = best.Evidence.Candidate.Soc2020;
        var problem = terms.IsEmpty ? "the title is empty: only the crosswalk prior speaks" : sharedNote;
        return new RecodeResult(title, codeText, code, coded ? bestCode : null, coded ? _singleExtension.GetValueOrDefault(bestCode, "") : "",
            coded ? RecodeMethod.Scored : RecodeMethod.Review, confidence, bestCode,
            ranked.Length > 1 ? second.Evidence.Candidate.Soc2020 : null, margin, candidates, problem);
    }

    private RecodeResult Invalid(string title, string codeText, SocCode? code, string problem) =>
        new(title, codeText, code, null, "", RecodeMethod.Invalid, 0, null, null, 0, [], problem);

    private string Title(SocCode soc2020) => _release.Soc2020.TryGet(soc2020, out var g) ? g.DisplayTitle : "";
}
