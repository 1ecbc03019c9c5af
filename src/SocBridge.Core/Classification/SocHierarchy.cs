namespace SocBridge.Core.Classification;

/// <summary>All groups of one SOC edition, from major groups down to unit groups.</summary>
public sealed class SocHierarchy
{
    private readonly Dictionary<SocCode, SocGroup> _groups;
    private readonly Dictionary<SocLevel, IReadOnlyList<SocGroup>> _byLevel;

    internal SocHierarchy(SocVersion version, IEnumerable<(SocCode Code, string Title, string DisplayTitle)> groups)
    {
        if (!version.IsDefined()) throw SocVersions.Undefined(version);
        ArgumentNullException.ThrowIfNull(groups);
        Version = version;
        var list = groups.ToList();
        var children = list.Where(g => g.Code.Parent is not null)
            .GroupBy(g => g.Code.Parent!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SocCode>)g.Select(x => x.Code).Order().ToArray());
        _groups = new Dictionary<SocCode, SocGroup>(list.Count);
        var codes = list.Select(g => g.Code).ToHashSet();
        foreach (var (code, title, display) in list)
        {
            if (code.IsNone)
                throw new ArgumentException("SocCode.None (default) is not a group", nameof(groups));
            if (code.Version != version)
                throw new ArgumentException($"{code.ToQualifiedString()} does not belong to SOC{version.Year()}", nameof(groups));
            if (code.Parent is { } parent && !codes.Contains(parent))
                throw new ArgumentException($"{code.ToQualifiedString()} has no parent group {parent}", nameof(groups));
            _groups.Add(code, new SocGroup(code, title, display, code.Parent, children.GetValueOrDefault(code, [])));
        }
        _byLevel = SocLevels.All.ToDictionary(l => l, l => (IReadOnlyList<SocGroup>)_groups.Values.Where(g => g.Level == l).OrderBy(g => g.Code).ToArray());
    }

    /// <summary>The edition of every group.</summary>
    public SocVersion Version { get; }

    /// <summary>The number of groups at all levels.</summary>
    public int Count => _groups.Count;

    /// <summary>The groups at <paramref name="level"/>, in code order.</summary>
    /// <param name="level">A level.</param>
    /// <exception cref="KeyNotFoundException"><paramref name="level"/> is not one of the four levels.</exception>
    public IReadOnlyList<SocGroup> AtLevel(SocLevel level) => _byLevel[level];

    /// <summary>The unit groups, in code order.</summary>
    public IReadOnlyList<SocGroup> UnitGroups => _byLevel[SocLevel.Unit];

    /// <summary>Whether <paramref name="code"/> names a group of this hierarchy (false for <see cref="SocCode.None"/> and codes of the other edition).</summary>
    /// <param name="code">The code.</param>
    public bool Contains(SocCode code) => _groups.ContainsKey(code);

    /// <summary>The group <paramref name="code"/> names, if it names one.</summary>
    /// <param name="code">The code.</param>
    /// <param name="group">The group; null when the method returns false.</param>
    /// <returns>Whether the code names a group of this hierarchy.</returns>
    public bool TryGet(SocCode code, out SocGroup group) => _groups.TryGetValue(code, out group!);

    /// <summary>The group <paramref name="code"/> names.</summary>
    /// <param name="code">A code of this hierarchy.</param>
    /// <exception cref="UnknownSocCodeException">The code names no group of this hierarchy; the exception lists the nearest valid codes.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is <see cref="SocCode.None"/>.</exception>
    public SocGroup Get(SocCode code)
    {
        SocCode.ThrowIfNone(code);
        return _groups.TryGetValue(code, out var g) ? g : throw new UnknownSocCodeException(code, Suggest(code.ToString()));
    }

    /// <summary>The unit groups (or the group itself, at unit level) below <paramref name="code"/>.</summary>
    /// <param name="code">A code of this hierarchy.</param>
    /// <exception cref="UnknownSocCodeException"><paramref name="code"/> is a unit group code that names no group.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is <see cref="SocCode.None"/>.</exception>
    public IEnumerable<SocGroup> UnitGroupsWithin(SocCode code) =>
        code.IsNone ? throw new ArgumentException("SocCode.None (default) is not a code", nameof(code)) :
        code.Level == SocLevel.Unit ? [Get(code)] : UnitGroups.Where(g => g.Code.IsWithin(code));

    /// <summary>
    /// Valid codes nearest to some text that is not one: codes of the same length sharing the longest
    /// prefix, then those numerically closest. Used to make "unknown code" messages actionable.
    /// </summary>
    /// <param name="text">The text that is not a code; only its digits count.</param>
    /// <param name="max">The most suggestions to give.</param>
    /// <returns>Up to <paramref name="max"/> groups, best first; major groups when the text has no digit.</returns>
    public IReadOnlyList<SocGroup> Suggest(string text, int max = 5)
    {
        var digits = new string((text ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0) return _byLevel[SocLevel.Major].Take(max).ToArray();
        var level = (SocLevel)Math.Clamp(digits.Length, 1, 4);
        var candidates = _byLevel[level];
        var target = int.Parse(digits[..Math.Min(4, digits.Length)], System.Globalization.CultureInfo.InvariantCulture);
        return candidates
            .OrderByDescending(g => CommonPrefix(g.Code.ToString(), digits))
            .ThenBy(g => Math.Abs(g.Code.Value - target))
            .ThenBy(g => g.Code)
            .Take(max)
            .ToArray();
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }
}
