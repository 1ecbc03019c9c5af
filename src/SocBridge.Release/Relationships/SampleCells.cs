namespace SocBridge.Release.Relationships;

/// <summary>
/// The four sample cells of the ONS relationship table, in the fixed order used for every array indexed by
/// cell and for sorting release rows: source LFS before census, and within a source men before women.
/// </summary>
internal static class SampleCells
{
    public const int Count = 4;

    public static readonly (string Source, string Sex)[] All =
    [
        ("lfs", "men"),
        ("lfs", "women"),
        ("census", "men"),
        ("census", "women"),
    ];
}
