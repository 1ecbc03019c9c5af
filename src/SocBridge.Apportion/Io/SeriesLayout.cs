using SocBridge.Apportion.Model;

namespace SocBridge.Apportion.Io;

/// <summary>Where the code, sex, value and dimension columns sit in an input header.</summary>
public sealed record SeriesLayout(int CodeOrdinal, int SexOrdinal, int[] ValueOrdinals, int[] DimensionOrdinals, IReadOnlyList<string> Header, IReadOnlyList<string> Ignored)
{
    public IReadOnlyList<string> DimensionNames => DimensionOrdinals.Select(i => Header[i]).ToArray();

    /// <summary>Why a row with another number of fields than the header is rejected whole: it cannot be trusted column by column.</summary>
    public string FieldCountProblem(int fields) => $"the row has {fields} fields; the header has {Header.Count}";

    /// <summary>Matches the header against the options; every problem is listed in the message.</summary>
    public static SeriesLayout From(IReadOnlyList<string> header, ApportionOptions options, string file)
    {
        var problems = new List<string>();
        foreach (var dup in header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"column '{dup.Key}' appears {dup.Count()} times in the header");
        int Find(string name, string role)
        {
            var i = header.ToList().IndexOf(name);
            if (i < 0) problems.Add($"{role} column '{name}' is not in the header");
            return i;
        }
        var code = Find(options.CodeColumn, "code");
        var sex = options.SexColumn is null ? -1 : Find(options.SexColumn, "sex");
        var values = options.Values.Select(v => Find(v.Name, v.Kind.ToString().ToLowerInvariant())).ToArray();
        var chosen = options.Dimensions?.Select(d => Find(d, "dimension")).ToArray();
        var target = options.To.ColumnName();
        if (header.Contains(target) && options.CodeColumn != target)
            problems.Add($"the input already has a column named '{target}', which the output uses for the translated code");
        if (problems.Count > 0)
            throw new InvalidDataException($"{file}: line 1 (header): {string.Join("; ", problems)}. The header has: {string.Join(", ", header)}");
        var taken = new HashSet<int>(values) { code };
        var dims = chosen ?? Enumerable.Range(0, header.Count).Where(i => !taken.Contains(i)).ToArray();
        var ignored = Enumerable.Range(0, header.Count).Where(i => !taken.Contains(i) && !dims.Contains(i)).Select(i => header[i]).ToArray();
        return new SeriesLayout(code, sex, values, dims, header, ignored);
    }
}
