using SocBridge.Apportion.Model;
using SocBridge.Core.Csv;

namespace SocBridge.Apportion.Evaluation;

/// <summary>
/// Unit-group jobs (thousands) of the annual pay table of an ASHE sample series (the <c>ashe_YYYY_socNNNN.csv</c>
/// files of <c>samples/</c>), by sex: the distributions the ASHE comparisons hold against each other.
/// </summary>
public static class AsheUnitJobs
{
    /// <summary>The sexes of the sample files, each a key of what <see cref="Read"/> returns.</summary>
    public static IReadOnlyList<string> Sexes { get; } = ["all", "men", "women"];

    /// <summary>
    /// Reads the jobs of every unit group (<c>level</c> 4, <c>pay_period</c> annual) by sex, keyed by the code in
    /// <paramref name="codeColumn"/>. Suppressed or missing values are left out, as the published tables leave them out.
    /// </summary>
    /// <exception cref="CsvDataException">A row names a sex other than all, men or women, or a column is missing.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Read(string path, string codeColumn)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(codeColumn);
        var result = Sexes.ToDictionary(s => s, _ => new Dictionary<string, double>());
        using var reader = new CsvRecordReader(new StreamReader(path), path);
        while (reader.Read())
        {
            if (reader.GetString("level") != "4" || reader.GetString("pay_period") != "annual") continue;
            if (ValueParser.Parse(reader.GetString("jobs_thousands"), true, out var jobs) != CellStatus.Ok) continue;
            var sex = reader.GetString("sex");
            if (!result.TryGetValue(sex, out var bySex)) throw reader.Error("sex", sex, string.Join(", ", Sexes));
            bySex[reader.GetString(codeColumn)] = jobs;
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value.AsReadOnly());
    }
}
