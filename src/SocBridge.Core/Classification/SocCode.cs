using System.Globalization;

namespace SocBridge.Core.Classification;

/// <summary>
/// A structurally valid SOC code of one edition: 1 to 4 digits, the first 1–9. The level is the
/// number of digits and the parent is the code less its last digit. Whether the group exists is a
/// question for <see cref="SocHierarchy"/>.
/// </summary>
/// <remarks>
/// <c>default(SocCode)</c> is <see cref="None"/>, the absence of a code. It is never produced by
/// <see cref="Parse"/>, <see cref="TryParse"/> or <see cref="Create"/>. Every member handles it:
/// <see cref="IsNone"/> is true, <see cref="Version"/> is <c>default(SocVersion)</c> (no edition),
/// <see cref="Level"/> is <c>default(SocLevel)</c> and <see cref="Digits"/> 0, <see cref="Parent"/> is
/// null, <see cref="ToString"/> is the empty string, it sorts before every code and lies within none;
/// <see cref="AtLevel"/> throws <see cref="InvalidOperationException"/>, and any library method that
/// needs a real code refuses it with <see cref="ArgumentException"/> rather than reading it as an edition.
/// </remarks>
public readonly record struct SocCode : IComparable<SocCode>
{
    private SocCode(SocVersion version, int value, SocLevel level)
    {
        Version = version;
        Value = value;
        Level = level;
    }

    /// <summary>The absence of a code; the same as <c>default(SocCode)</c>.</summary>
    public static SocCode None => default;

    /// <summary>Whether this is <see cref="None"/> rather than a code.</summary>
    public bool IsNone => Level == 0;

    /// <summary>The edition the code belongs to; <c>default(SocVersion)</c>, which is no edition, for <see cref="None"/>.</summary>
    public SocVersion Version { get; }

    /// <summary>The code as a number, e.g. 2136; 21 for a sub-major group; 0 for <see cref="None"/>.</summary>
    public int Value { get; }

    /// <summary>The level of the group the code names; <c>default(SocLevel)</c> (0, no level) for <see cref="None"/>.</summary>
    public SocLevel Level { get; }

    /// <summary>The number of digits: 1 for a major group to 4 for a unit group; 0 for <see cref="None"/>.</summary>
    public int Digits => (int)Level;

    /// <summary>The code of the group one level up; null for a major group and for <see cref="None"/>.</summary>
    public SocCode? Parent => Level <= SocLevel.Major ? null : new SocCode(Version, Value / 10, Level - 1);

    /// <summary>The ancestor (or the code itself) at <paramref name="level"/>, which must not be finer than this code.</summary>
    /// <param name="level">A level no finer than <see cref="Level"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is finer than this code, or not a level.</exception>
    /// <exception cref="InvalidOperationException">This is <see cref="None"/>.</exception>
    public SocCode AtLevel(SocLevel level)
    {
        if (IsNone)
            throw new InvalidOperationException("SocCode.None has no ancestors");
        if (level < SocLevel.Major)
            throw new ArgumentOutOfRangeException(nameof(level), level, "not a SOC level");
        if (level > Level)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"{this} is a {Level.Name()}; it has no single {level.Name()}");
        var value = Value;
        for (var l = Level; l > level; l--) value /= 10;
        return new SocCode(Version, value, level);
    }

    /// <summary>Whether this code is <paramref name="ancestor"/> or lies below it (same edition); false when either is <see cref="None"/>.</summary>
    /// <param name="ancestor">The possible ancestor.</param>
    public bool IsWithin(SocCode ancestor) =>
        !IsNone && !ancestor.IsNone &&
        ancestor.Version == Version && ancestor.Level <= Level && AtLevel(ancestor.Level).Value == ancestor.Value;

    /// <summary>The code of <paramref name="version"/> whose digits are those of <paramref name="value"/>, e.g. 2136.</summary>
    /// <param name="version">The edition.</param>
    /// <param name="value">The code as a number, 1 to 9999.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a SOC code, or <paramref name="version"/> is not an edition.</exception>
    public static SocCode Create(SocVersion version, int value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return TryParse(text, version, out var code, out var error) ? code : throw new ArgumentOutOfRangeException(nameof(value), value, error);
    }

    /// <summary>Parses a code like <see cref="TryParse"/>, throwing when the text is not a code.</summary>
    /// <param name="text">The code, e.g. "2136" or "SOC2010: 2136".</param>
    /// <param name="version">The edition the code belongs to.</param>
    /// <exception cref="FormatException">The text is not a SOC code; the message says why.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static SocCode Parse(string text, SocVersion version) =>
        TryParse(text ?? throw new ArgumentNullException(nameof(text)), version, out var code, out var error) ? code : throw new FormatException(error);

    /// <summary>
    /// Parses a code, ignoring surrounding space and a "SOC2010:"-style prefix naming the same edition.
    /// On failure <paramref name="error"/> says what is wrong with the text.
    /// </summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="version">The edition the code belongs to.</param>
    /// <param name="code">The code; <see cref="None"/> on failure.</param>
    /// <param name="error">Why the text is not a code; empty on success.</param>
    /// <returns>Whether the text is a code.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition (a programming error, not bad input).</exception>
    public static bool TryParse(ReadOnlySpan<char> text, SocVersion version, out SocCode code, out string error)
    {
        if (!version.IsDefined()) throw SocVersions.Undefined(version);
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

    /// <summary>
    /// Orders by edition, then by the codes' text, so 21 sorts before 2136 and 2136 before 22;
    /// <see cref="None"/> sorts before every code.
    /// </summary>
    /// <param name="other">The code to compare with.</param>
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

    /// <summary>The digits of the code, e.g. "2136"; the empty string for <see cref="None"/>.</summary>
    public override string ToString() => IsNone ? "" : Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The code with its edition, e.g. "SOC2010 2136"; "no SOC code" for <see cref="None"/>.</summary>
    public string ToQualifiedString() => IsNone ? "no SOC code" : $"SOC{Version.Year()} {this}";

    /// <summary>Throws when <paramref name="code"/> is <see cref="None"/>: for library methods that need a real code.</summary>
    internal static void ThrowIfNone(SocCode code, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(code))] string? paramName = null)
    {
        if (code.IsNone) throw new ArgumentException("SocCode.None (default) is not a code", paramName);
    }
}
