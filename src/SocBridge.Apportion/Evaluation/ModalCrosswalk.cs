using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Evaluation;

/// <summary>
/// The baseline a weighted translation is judged against: every source group sent wholly to its largest
/// counterpart (a modal, one-to-one crosswalk), as lookup tables that collapse many-to-many mappings do.
/// </summary>
public static class ModalCrosswalk
{
    /// <summary>
    /// Translates <paramref name="source"/> (values by code of edition <paramref name="from"/>) by putting each value
    /// on the first (largest) target of <paramref name="selection"/>'s weights.
    /// </summary>
    /// <exception cref="FormatException">A key of <paramref name="source"/> is not a code of <paramref name="from"/>.</exception>
    public static IReadOnlyDictionary<string, double> Translate(SocRelease release, IReadOnlyDictionary<string, double> source,
        SocVersion from, WeightSelection selection)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(source);
        var modal = new Dictionary<string, double>();
        foreach (var (code, value) in source)
        {
            var top = release.Crosswalk.Map(SocCode.Parse(code, from), selection).Targets[0].Code.ToString();
            modal[top] = modal.GetValueOrDefault(top) + value;
        }
        return modal.AsReadOnly();
    }
}
