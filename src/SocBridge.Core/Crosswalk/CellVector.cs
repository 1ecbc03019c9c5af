namespace SocBridge.Core.Crosswalk;

/// <summary>Four values, one per sample cell (LFS men, LFS women, Census men, Census women).</summary>
public readonly record struct CellVector(double LfsMen, double LfsWomen, double CensusMen, double CensusWomen)
{
    public double this[SampleCell cell] => cell switch
    {
        SampleCell.LfsMen => LfsMen,
        SampleCell.LfsWomen => LfsWomen,
        SampleCell.CensusMen => CensusMen,
        SampleCell.CensusWomen => CensusWomen,
        _ => throw new ArgumentOutOfRangeException(nameof(cell)),
    };

    /// <summary>Sum over the cells the selection includes.</summary>
    public double Sum(WeightSelection selection)
    {
        var s = 0.0;
        if (selection.Includes(SampleCell.LfsMen)) s += LfsMen;
        if (selection.Includes(SampleCell.LfsWomen)) s += LfsWomen;
        if (selection.Includes(SampleCell.CensusMen)) s += CensusMen;
        if (selection.Includes(SampleCell.CensusWomen)) s += CensusWomen;
        return s;
    }

    public static CellVector operator +(CellVector a, CellVector b) =>
        new(a.LfsMen + b.LfsMen, a.LfsWomen + b.LfsWomen, a.CensusMen + b.CensusMen, a.CensusWomen + b.CensusWomen);

    public static CellVector operator *(CellVector a, CellVector b) =>
        new(a.LfsMen * b.LfsMen, a.LfsWomen * b.LfsWomen, a.CensusMen * b.CensusMen, a.CensusWomen * b.CensusWomen);

    public static CellVector Zero { get; } = default;
}
