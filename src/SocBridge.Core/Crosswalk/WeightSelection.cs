namespace SocBridge.Core.Crosswalk;

/// <summary>Which dual-coded sample the weights come from.</summary>
public enum WeightSet
{
    /// <summary>Labour Force Survey, Jan 2014 – Sep 2016, dual-coded (the default).</summary>
    Lfs,

    /// <summary>2011 Census 1% sample, England and Wales, dual-coded.</summary>
    Census,

    /// <summary>Joint counts of both samples added.</summary>
    Pooled,
}

/// <summary>Whose records the weights come from.</summary>
public enum SexSet
{
    /// <summary>Joint counts of men and women added (the default).</summary>
    All,

    /// <summary>Men's records only.</summary>
    Men,

    /// <summary>Women's records only.</summary>
    Women,
}

/// <summary>One of the four sample cells of the ONS relationship table.</summary>
public enum SampleCell
{
    /// <summary>Men in the Labour Force Survey sample.</summary>
    LfsMen = 0,

    /// <summary>Women in the Labour Force Survey sample.</summary>
    LfsWomen = 1,

    /// <summary>Men in the 2011 Census sample.</summary>
    CensusMen = 2,

    /// <summary>Women in the 2011 Census sample.</summary>
    CensusWomen = 3,
}

/// <summary>
/// A weight set and sex: together they choose which sample cells' joint counts are added.
/// <c>default(WeightSelection)</c> is <see cref="Default"/> (LFS, all persons).
/// </summary>
/// <param name="Set">Which sample.</param>
/// <param name="Sex">Whose records.</param>
public readonly record struct WeightSelection(WeightSet Set, SexSet Sex)
{
    /// <summary>LFS, all persons: the selection used when none is given.</summary>
    public static WeightSelection Default { get; } = new(WeightSet.Lfs, SexSet.All);

    /// <summary>Every combination of weight set and sex.</summary>
    public static IReadOnlyList<WeightSelection> All { get; } =
        [.. Enum.GetValues<WeightSet>().SelectMany(s => Enum.GetValues<SexSet>().Select(x => new WeightSelection(s, x)))];

    /// <summary>Whether the selection adds the joint counts of <paramref name="cell"/>.</summary>
    /// <param name="cell">A sample cell.</param>
    public bool Includes(SampleCell cell)
    {
        var lfs = cell is SampleCell.LfsMen or SampleCell.LfsWomen;
        var men = cell is SampleCell.LfsMen or SampleCell.CensusMen;
        var sourceOk = Set == WeightSet.Pooled || (Set == WeightSet.Lfs) == lfs;
        var sexOk = Sex == SexSet.All || (Sex == SexSet.Men) == men;
        return sourceOk && sexOk;
    }

    /// <summary>
    /// The documented fallback order when this selection has no sample for a group: the same source
    /// for all persons, then both sources pooled for all persons.
    /// </summary>
    public IEnumerable<WeightSelection> WithFallbacks()
    {
        yield return this;
        if (Sex != SexSet.All) yield return this with { Sex = SexSet.All };
        if (Set != WeightSet.Pooled) yield return new WeightSelection(WeightSet.Pooled, SexSet.All);
    }

    /// <summary>The selection as written in outputs, e.g. "lfs/all".</summary>
    public override string ToString() => $"{WeightSets.Name(Set)}/{WeightSets.Name(Sex)}";
}

/// <summary>Names and parsing of <see cref="WeightSet"/>, <see cref="SexSet"/> and <see cref="SampleCell"/>.</summary>
public static class WeightSets
{
    /// <summary>The set's name as written in outputs and accepted on input: lfs, census or pooled.</summary>
    /// <param name="set">A weight set.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="set"/> is not a defined value.</exception>
    public static string Name(WeightSet set) => set switch
    {
        WeightSet.Lfs => "lfs",
        WeightSet.Census => "census",
        WeightSet.Pooled => "pooled",
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    /// <summary>The name as written in outputs: all, men or women.</summary>
    /// <param name="sex">A sex set.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sex"/> is not a defined value.</exception>
    public static string Name(SexSet sex) => sex switch
    {
        SexSet.All => "all",
        SexSet.Men => "men",
        SexSet.Women => "women",
        _ => throw new ArgumentOutOfRangeException(nameof(sex)),
    };

    /// <summary>The cell named by a source (lfs or census) and a sex (men or women), as in the release files.</summary>
    /// <param name="source">lfs or census, lower case.</param>
    /// <param name="sex">men or women, lower case.</param>
    /// <param name="cell">The cell; meaningless when the method returns false.</param>
    /// <returns>Whether the pair names a cell.</returns>
    public static bool TryParseCell(string source, string sex, out SampleCell cell)
    {
        cell = (source, sex) switch
        {
            ("lfs", "men") => SampleCell.LfsMen,
            ("lfs", "women") => SampleCell.LfsWomen,
            ("census", "men") => SampleCell.CensusMen,
            ("census", "women") => SampleCell.CensusWomen,
            _ => (SampleCell)(-1),
        };
        return (int)cell >= 0;
    }

    /// <summary>Parses a weight set: lfs, census or pooled (any case, surrounding space ignored).</summary>
    /// <param name="text">The text; null is not a set.</param>
    /// <param name="set">The set; meaningless when the method returns false.</param>
    /// <returns>Whether the text names a set.</returns>
    public static bool TryParse(string? text, out WeightSet set)
    {
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "lfs": set = WeightSet.Lfs; return true;
            case "census": set = WeightSet.Census; return true;
            case "pooled": set = WeightSet.Pooled; return true;
            default: set = default; return false;
        }
    }

    /// <summary>Parses a sex set; accepts all/persons/both, men/male/m, women/female/f (any case).</summary>
    /// <param name="text">The text; null is not a sex set.</param>
    /// <param name="sex">The set; meaningless when the method returns false.</param>
    /// <returns>Whether the text names a sex set.</returns>
    public static bool TryParseSex(string? text, out SexSet sex)
    {
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "all" or "persons" or "people" or "both" or "all persons" or "all employees": sex = SexSet.All; return true;
            case "men" or "male" or "males" or "m" or "man": sex = SexSet.Men; return true;
            case "women" or "female" or "females" or "f" or "woman": sex = SexSet.Women; return true;
            default: sex = default; return false;
        }
    }
}
