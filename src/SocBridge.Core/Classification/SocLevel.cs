namespace SocBridge.Core.Classification;

/// <summary>Level of a SOC group, equal to the number of digits of its code.</summary>
public enum SocLevel
{
    Major = 1,
    SubMajor = 2,
    Minor = 3,
    Unit = 4,
}

public static class SocLevels
{
    public static IReadOnlyList<SocLevel> All { get; } = [SocLevel.Major, SocLevel.SubMajor, SocLevel.Minor, SocLevel.Unit];

    public static string Name(this SocLevel level) => level switch
    {
        SocLevel.Major => "major group",
        SocLevel.SubMajor => "sub-major group",
        SocLevel.Minor => "minor group",
        SocLevel.Unit => "unit group",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryFromDigits(int digits, out SocLevel level)
    {
        level = (SocLevel)digits;
        return digits is >= 1 and <= 4;
    }
}
