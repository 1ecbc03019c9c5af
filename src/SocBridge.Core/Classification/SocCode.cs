using System.Globalization;

namespace SocBridge.Core.Classification;

/// <summary>
/// A structurally valid SOC code of one edition: 1 to 4 digits, the first 1–9. The level is the
/// number of digits and the parent is the code less its last digit. Whether the group exists is a
/// question for <see cref="SocHierarchy"/>.
/// </summary>
public readonly record struct SocCode : IComparable<SocCode>
{
    private SocCode(SocVersion version, int value, SocLevel level)
    {
        Version = version;
        Value = value;
        Level = level;
    }

    public SocVersion Version { get; }

    /// <summary>The code as a number, e.g. 2136; 21 for a sub-major group.</summary>
    public int Value { get; }

    public SocLevel Level { get; }

    public int Digits => (int)Level;

    public SocCode? Parent => Level == SocLevel.Major ? null : new SocCode(Version, Value / 10, Level - 1);

    /// <summary>The ancestor (or the code itself) at <paramref name="level"/>, which must not be finer than this code.</summary>
    public SocCode AtLevel(SocLevel level)
    {
        if (level > Level)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"{this} is a {Level.Name()}; it has no single {level.Name()}");
        var value = Value;
        for (var l = Level; l > level; l--) value /= 10;
        return new SocCode(Version, value, level);
    }

    public bool IsWithin(SocCode ancestor) =>
        ancestor.Version == Version && ancestor.Level <= Level && AtLevel(ancestor.Level).Value == ancestor.Value;

    public static SocCode Create(SocVersion version, int value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return TryParse(text, version, out var code, out var error) ? code : throw new ArgumentOutOfRangeException(nameof(value), value, error);
    }

    public static SocCode Parse(string text, SocVersion version) =>
        TryParse(text, version, out var code, out var error) ? code : throw new FormatException(error);

    /// <summary>
    /// Parses a code, ignoring surrounding space and a "SOC2010:"-style prefix naming the same edition.
    /// On failure <paramref name="error"/> says what is wrong with the text.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, SocVersion version, out SocCode code, out string error)
    {
        code = default;
        var t = text.Trim();
        var prefix = "SOC" + version.Year();
        if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            t = t[prefix.Length..].TrimStart(" :-".AsSpan());
        if (t.IsEmpty)
        {
            error = "a SOC code is empty; expected 1 to 4 digits such as 2136";
            return false;
        }
        if (t.Length > 4)
        {
            error = t.Length == 7 && t[4] == '/'
                ? $"'{t}' is a SOC2020 sub-unit (extension) code; use its unit group {t[..4]}"
                : $"'{t}' has {t.Length} characters; a SOC code has 1 to 4 digits";
            return false;
        }
        var value = 0;
        foreach (var c in t)
        {
            if (c is < '0' or > '9')
            {
                error = $"'{t}' is not a SOC code: '{c}' is not a digit";
                return false;
            }
            value = value * 10 + (c - '0');
        }
        if (t[0] == '0')
        {
            error = $"'{t}' is not a SOC code: SOC codes never start with 0";
            return false;
        }
        code = new SocCode(version, value, (SocLevel)t.Length);
        error = "";
        return true;
    }

    public int CompareTo(SocCode other)
    {
        var c = Version.CompareTo(other.Version);
        if (c != 0) return c;
        // Ordinal order of the codes' text ("21" < "2136" < "22"), without allocating the strings: sorting
        // the hierarchies and the relationship table at start-up does thousands of these.
        Span<char> mine = stackalloc char[11];
        Span<char> theirs = stackalloc char[11];
        Value.TryFormat(mine, out var m, default, CultureInfo.InvariantCulture);
        other.Value.TryFormat(theirs, out var t, default, CultureInfo.InvariantCulture);
        return Math.Sign(((ReadOnlySpan<char>)mine[..m]).SequenceCompareTo(theirs[..t]));
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The code with its edition, e.g. "SOC2010 2136".</summary>
    public string ToQualifiedString() => $"SOC{Version.Year()} {this}";
}
