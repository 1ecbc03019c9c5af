using SocBridge.Apportion.Model;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Where the code, sex, value and dimension columns sit in an input header, and the options with every
/// column pattern resolved to the header's columns.
/// </summary>
internal sealed record SeriesLayout(int CodeOrdinal, int SexOrdinal, int[] ValueOrdinals, int[] DimensionOrdinals, IReadOnlyList<string> Header, IReadOnlyList<string> Ignored)
{
    /// <summary>The run's options with value, dimension and ignored columns named one by one (no patterns left).</summary>
    public required ApportionOptions Options { get; init; }

    /// <summary>Whether the dimensions were named by the user (otherwise every other column is one).</summary>
    public bool DimensionsDeclared { get; init; }

    /// <summary>The dimension columns, in output order.</summary>
    public IReadOnlyList<string> DimensionNames => DimensionOrdinals.Select(i => Header[i]).ToArray();

    /// <summary>Why a row with another number of fields than the header is rejected whole: it cannot be trusted column by column.</summary>
    public string FieldCountProblem(int fields) => $"the row has {fields} fields; the header has {Header.Count}";

    /// <summary>
    /// Matches the header against the options, resolving patterns; every problem is listed in the message,
    /// which starts with <paramref name="where"/> (the file and line of the header).
    /// </summary>
    public static SeriesLayout From(IReadOnlyList<string> header, ApportionOptions options, string where)
    {
        var problems = new List<string>();
        foreach (var dup in header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"column '{dup.Key}' appears {dup.Count()} times in the header");
        IReadOnlyList<string> Expand(string item, string role)
        {
            var names = ColumnPattern.Resolve(item, header);
            if (names.Count == 0)
                problems.Add(ColumnPattern.IsPattern(item) ? $"the {role} pattern {item} matches no column" : $"{role} column '{item}' is not in the header");
            return names;
        }

        var values = new List<ValueColumn>();
        foreach (var v in options.Values)
            foreach (var name in Expand(v.Name, v.KindName))
                values.Add(v with { Name = name });
        foreach (var dup in values.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"column '{dup.Key}' is selected {dup.Count()} times as a value ({string.Join(", ", dup.Select(v => v.KindName))})");
        var ignored = options.Ignore.SelectMany(i => Expand(i, "ignored")).Distinct(StringComparer.Ordinal).ToList();
        var dimensions = options.Dimensions?.SelectMany(d => Expand(d, "dimension")).Distinct(StringComparer.Ordinal).ToArray();
        var valueNames = values.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        // A pattern may sweep up a column named one by one elsewhere: the explicit name wins over an ignore or dimension pattern.
        bool Reserved(string c) => valueNames.Contains(c) || c == options.CodeColumn || c == options.SexColumn;
        ignored.RemoveAll(c => Reserved(c) && !options.Ignore.Contains(c));
        if (dimensions is not null)
            dimensions = dimensions.Where(d => options.Dimensions!.Contains(d) || d == options.SexColumn
                || !(valueNames.Contains(d) || ignored.Contains(d) || d == options.CodeColumn)).ToArray();

        var code = Index(header, options.CodeColumn);
        if (code < 0) problems.Add($"code column '{options.CodeColumn}' is not in the header");
        var sex = options.SexColumn is null ? -1 : Index(header, options.SexColumn);
        if (options.SexColumn is not null && sex < 0) problems.Add($"sex column '{options.SexColumn}' is not in the header");
        var target = options.To.ColumnName();
        if (header.Contains(target) && options.CodeColumn != target)
            problems.Add($"the input already has a column named '{target}', which the output uses for the translated code");
        if (problems.Count > 0) throw HeaderError(where, header, problems);

        var resolved = options with { Values = values, Dimensions = dimensions, Ignore = ignored };
        var errors = resolved.Validate();
        if (errors.Count > 0) throw HeaderError(where, header, errors);
        var valueOrdinals = values.Select(v => Index(header, v.Name)).ToArray();
        var taken = new HashSet<int>(valueOrdinals) { code };
        foreach (var i in ignored) taken.Add(Index(header, i));
        var dims = dimensions?.Select(d => Index(header, d)).ToArray()
            ?? Enumerable.Range(0, header.Count).Where(i => !taken.Contains(i)).ToArray();
        var left = Enumerable.Range(0, header.Count).Where(i => !taken.Contains(i) && !dims.Contains(i)).Select(i => header[i]);
        var allIgnored = ignored.Concat(left).Distinct(StringComparer.Ordinal).ToArray();
        return new SeriesLayout(code, sex, valueOrdinals, dims, header, allIgnored)
        {
            Options = resolved with { Dimensions = dims.Select(i => header[i]).ToArray() },
            DimensionsDeclared = options.Dimensions is not null,
        };
    }

    private static int Index(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
            if (string.Equals(header[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    private static InvalidDataException HeaderError(string where, IReadOnlyList<string> header, IEnumerable<string> problems)
    {
        var hint = header.Count == 1 && (header[0].Contains(';') || header[0].Contains('\t'))
            ? $" The header is one column holding '{(header[0].Contains(';') ? ";" : "tab")}': read the file with the delimiter option set to '{(header[0].Contains(';') ? ";" : "tab")}'."
            : "";
        return new InvalidDataException($"{where}: {string.Join("; ", problems)}. The header has: {string.Join(", ", header)}.{hint}");
    }
}
