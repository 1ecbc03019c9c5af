namespace SocBridge.Core.Classification;

/// <summary>
/// Level of a SOC group, equal to the number of digits of its code. <c>default(SocLevel)</c> (0) is no
/// level: it is the level of <see cref="SocCode.None"/> only.
/// </summary>
public enum SocLevel
{
    /// <summary>A major group: one digit, e.g. 2.</summary>
    Major = 1,

    /// <summary>A sub-major group: two digits, e.g. 21.</summary>
    SubMajor = 2,

    /// <summary>A minor group: three digits, e.g. 213.</summary>
    Minor = 3,

    /// <summary>A unit group: four digits, e.g. 2136.</summary>
    Unit = 4,
}

/// <summary>Helpers for <see cref="SocLevel"/>.</summary>
public static class SocLevels
{
    /// <summary>The four levels, coarsest first.</summary>
    public static IReadOnlyList<SocLevel> All { get; } = Array.AsReadOnly([SocLevel.Major, SocLevel.SubMajor, SocLevel.Minor, SocLevel.Unit]);

    /// <summary>The level's name as ONS writes it, e.g. "unit group".</summary>
    /// <param name="level">A level.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not one of the four levels.</exception>
    public static string Name(this SocLevel level) => level switch
    {
        SocLevel.Major => "major group",
        SocLevel.SubMajor => "sub-major group",
        SocLevel.Minor => "minor group",
        SocLevel.Unit => "unit group",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The level of codes with <paramref name="digits"/> digits.</summary>
    /// <param name="digits">The number of digits, 1 to 4.</param>
    /// <param name="level">The level; meaningless when the method returns false.</param>
    /// <returns>Whether <paramref name="digits"/> is 1 to 4.</returns>
    public static bool TryFromDigits(int digits, out SocLevel level)
    {
        level = (SocLevel)digits;
        return digits is >= 1 and <= 4;
    }
}
