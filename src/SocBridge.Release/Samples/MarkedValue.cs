using SocBridge.Core.Csv;

namespace SocBridge.Release.Samples;

/// <summary>
/// A published figure or the marker printed in its place. A marked cell has no value: a suppressed
/// estimate is not zero. A cell that was simply empty has neither.
/// </summary>
public readonly record struct MarkedValue(double? Value, string Flag)
{
    public static MarkedValue Empty { get; } = new(null, "");

    public static MarkedValue Of(double value) => new(value, "");

    public static MarkedValue Marked(string flag) => new(null, flag);

    public bool IsEmpty => Value is null && Flag.Length == 0;

    public string ValueText => Value is { } v ? CsvFieldWriter.FormatNumber(v) : "";
}
