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
    Men,
    Women,
}

/// <summary>One of the four sample cells of the ONS relationship table.</summary>
public enum SampleCell
{
    LfsMen = 0,
    LfsWomen = 1,
    CensusMen = 2,
    CensusWomen = 3,
}

/// <summary>A weight set and sex: together they choose which sample cells' joint counts are added.</summary>
public readonly record struct WeightSelection(WeightSet Set, SexSet Sex)
{
    public static WeightSelection Default { get; } = new(WeightSet.Lfs, SexSet.All);

    public static IReadOnlyList<WeightSelection> All { get; } =
        [.. Enum.GetValues<WeightSet>().SelectMany(s => Enum.GetValues<SexSet>().Select(x => new WeightSelection(s, x)))];

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

    public override string ToString() => $"{WeightSets.Name(Set)}/{WeightSets.Name(Sex)}";
}

public static class WeightSets
{
    public static string Name(WeightSet set) => set switch
    {
        WeightSet.Lfs => "lfs",
        WeightSet.Census => "census",
        WeightSet.Pooled => "pooled",
        _ => throw new ArgumentOutOfRangeException(nameof(set)),
    };

    public static string Name(SexSet sex) => sex switch
    {
        SexSet.All => "all",
        SexSet.Men => "men",
        SexSet.Women => "women",
        _ => throw new ArgumentOutOfRangeException(nameof(sex)),
    };

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

    /// <summary>Accepts all/persons/both, men/male/m, women/female/f (any case).</summary>
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
