namespace SocBridge.Core.Crosswalk;

/// <summary>Four values, one per sample cell (LFS men, LFS women, Census men, Census women).</summary>
/// <param name="LfsMen">The value for men in the Labour Force Survey sample.</param>
/// <param name="LfsWomen">The value for women in the Labour Force Survey sample.</param>
/// <param name="CensusMen">The value for men in the 2011 Census sample.</param>
/// <param name="CensusWomen">The value for women in the 2011 Census sample.</param>
public readonly record struct CellVector(double LfsMen, double LfsWomen, double CensusMen, double CensusWomen)
{
    /// <summary>The value of one cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cell"/> is not one of the four cells.</exception>
    public double this[SampleCell cell] => cell switch
    {
        SampleCell.LfsMen => LfsMen,
        SampleCell.LfsWomen => LfsWomen,
        SampleCell.CensusMen => CensusMen,
        SampleCell.CensusWomen => CensusWomen,
        _ => throw new ArgumentOutOfRangeException(nameof(cell)),
    };

    /// <summary>Sum over the cells the selection includes.</summary>
    /// <param name="selection">Which cells to add.</param>
    public double Sum(WeightSelection selection)
    {
        var s = 0.0;
        if (selection.Includes(SampleCell.LfsMen)) s += LfsMen;
        if (selection.Includes(SampleCell.LfsWomen)) s += LfsWomen;
        if (selection.Includes(SampleCell.CensusMen)) s += CensusMen;
        if (selection.Includes(SampleCell.CensusWomen)) s += CensusWomen;
        return s;
    }

    /// <summary>The cell-by-cell sum.</summary>
    /// <param name="a">The first vector.</param>
    /// <param name="b">The second vector.</param>
    public static CellVector operator +(CellVector a, CellVector b) =>
        new(a.LfsMen + b.LfsMen, a.LfsWomen + b.LfsWomen, a.CensusMen + b.CensusMen, a.CensusWomen + b.CensusWomen);

    /// <summary>The cell-by-cell product.</summary>
    /// <param name="a">The first vector.</param>
    /// <param name="b">The second vector.</param>
    public static CellVector operator *(CellVector a, CellVector b) =>
        new(a.LfsMen * b.LfsMen, a.LfsWomen * b.LfsWomen, a.CensusMen * b.CensusMen, a.CensusWomen * b.CensusWomen);

    /// <summary>Zero in every cell; the same as <c>default</c>.</summary>
    public static CellVector Zero { get; } = default;
}
