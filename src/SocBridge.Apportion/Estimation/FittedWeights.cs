namespace SocBridge.Apportion.Estimation;

/// <summary>
/// Fitted SOC2010 → SOC2020 unit-group weights, ready to apply to any SOC2010 series (see
/// <see cref="Model.ApportionOptions"/>). Weights are kept at unit level. A coarser source group I is
/// shared out with the fitted joint cells summed over its unit groups, Σ_{i∈I} r_i·w*[i,j] / Σ_{i∈I} r_i,
/// where r_i are the unit values the weights were fitted on: the same rule as the ONS weights, whose
/// coarser groups sum the unit groups' joint sample counts. When the fit's values are 0 for every unit of
/// I, the unit groups are weighted by their dual-coded sample counts instead, as the ONS weights would.
/// Coarser target levels add the unit weights of the targets they contain.
/// </summary>
public sealed class FittedWeights
{
    private readonly Dictionary<SocCode, PairFit[]> _byRow;
    private readonly Dictionary<SocCode, FitRow> _rows;

    /// <summary>Weights of a fit (or loaded from a folder).</summary>
    /// <exception cref="ArgumentException">The weights of a SOC2010 group do not sum to 1 or one is negative.</exception>
    public FittedWeights(string releaseId, IReadOnlyList<FitRow> rows, IReadOnlyList<PairFit> pairs)
    {
        ReleaseId = releaseId;
        Rows = rows;
        Pairs = pairs;
        _rows = rows.ToDictionary(r => r.Soc2010);
        _byRow = pairs.GroupBy(p => p.Soc2010).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var (code, set) in _byRow)
        {
            var sum = set.Sum(p => p.Fitted);
            if (Math.Abs(sum - 1) > 1e-9 || set.Any(p => !(p.Fitted >= 0)))
                throw new ArgumentException($"the fitted weights of SOC2010 {code} sum to {sum:R}, not 1, or include a negative weight", nameof(pairs));
        }
    }

    /// <summary>The release whose relationship table gave the prior and the support.</summary>
    public string ReleaseId { get; }

    /// <summary>The SOC2010 values the weights were fitted on (coarser source groups are shared by them).</summary>
    public IReadOnlyList<FitRow> Rows { get; }

    /// <summary>Every support pair with its prior and fitted weight.</summary>
    public IReadOnlyList<PairFit> Pairs { get; }

    /// <summary>
    /// The weights of <paramref name="source"/> (a SOC2010 code at any level) to SOC2020 groups at
    /// <paramref name="targetLevel"/>, summing to 1, largest first; empty when no unit group of the source has pairs.
    /// </summary>
    public IReadOnlyList<(SocCode Target, double Weight)> Shares(SocCode source, SocLevel targetLevel, SocHierarchy soc2010)
    {
        if (source.Version != SocVersion.Soc2010) throw new ArgumentException($"fitted weights translate SOC2010 codes; got {source.ToQualifiedString()}", nameof(source));
        SocCode[] units = source.Level == SocLevel.Unit
            ? _byRow.ContainsKey(source) ? [source] : []
            : [.. soc2010.UnitGroupsWithin(source).Select(g => g.Code).Where(_byRow.ContainsKey)];
        if (units.Length == 0) return [];
        var mass = units.Select(u => _rows.TryGetValue(u, out var r) ? r.Total : 0).ToArray();
        if (mass.Sum() <= 0) mass = [.. units.Select(u => _rows.TryGetValue(u, out var r) ? r.PriorBase : 0)];
        if (mass.Sum() <= 0) mass = [.. units.Select(_ => 1.0)];
        var total = mass.Sum();
        var byTarget = new Dictionary<SocCode, double>();
        for (var k = 0; k < units.Length; k++)
            foreach (var p in _byRow[units[k]])
            {
                var target = p.Soc2020.AtLevel(targetLevel);
                byTarget[target] = byTarget.GetValueOrDefault(target) + mass[k] / total * p.Fitted;
            }
        return [.. byTarget.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value))];
    }

    /// <summary>Σ_i x_i·w*[i,j] for a series of SOC2010 unit values; codes without pairs are ignored.</summary>
    public IReadOnlyDictionary<SocCode, double> Translate(IReadOnlyDictionary<SocCode, double> soc2010Units)
    {
        var result = new Dictionary<SocCode, double>();
        foreach (var (code, x) in soc2010Units)
            if (_byRow.TryGetValue(code, out var pairs))
                foreach (var p in pairs) result[p.Soc2020] = result.GetValueOrDefault(p.Soc2020) + x * p.Fitted;
        return result;
    }
}
