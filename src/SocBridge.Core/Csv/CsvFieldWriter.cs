using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace SocBridge.Core.Csv;

/// <summary>
/// Writes RFC 4180 CSV with '\n' line ends and invariant number formatting, so that the same rows
/// always give the same bytes. Fields are quoted only when they need it.
/// </summary>
internal sealed class CsvFieldWriter : IDisposable
{
    private readonly TextWriter _writer;
    private bool _atLineStart = true;

    public CsvFieldWriter(TextWriter writer) => _writer = writer;

    public static UTF8Encoding Utf8NoBom { get; } = new(encoderShouldEmitUTF8Identifier: false);

    public void WriteRow(params ReadOnlySpan<string> fields)
    {
        foreach (var field in fields) Write(field);
        EndRow();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(string? field)
    {
        if (!_atLineStart) _writer.Write(',');
        _atLineStart = false;
        if (string.IsNullOrEmpty(field)) return;
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _writer.Write(field);
            return;
        }
        _writer.Write('"');
        _writer.Write(field.Replace("\"", "\"\""));
        _writer.Write('"');
    }

    /// <summary>Writes fields already joined and escaped by <see cref="JoinRow"/>; null (no fields) writes nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteRaw(string? joinedFields)
    {
        if (joinedFields is null) return;
        if (!_atLineStart) _writer.Write(',');
        _atLineStart = false;
        _writer.Write(joinedFields);
    }

    /// <summary>Fields escaped and joined with commas, for <see cref="WriteRaw"/>; null when there are none.</summary>
    public static string? JoinRow(IEnumerable<string> fields)
    {
        using var text = new StringWriter();
        var writer = new CsvFieldWriter(text);
        var any = false;
        foreach (var f in fields)
        {
            writer.Write(f);
            any = true;
        }
        return any ? text.ToString() : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(double value)
    {
        if (!_atLineStart) _writer.Write(',');
        _atLineStart = false;
        if (double.IsNaN(value)) return;
        Span<char> buffer = stackalloc char[32];
        if (value.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture)) _writer.Write(buffer[..n]);
        else _writer.Write(FormatNumber(value));
    }

    public void Write(long value) => Write(value.ToString(CultureInfo.InvariantCulture));

    public void Write(bool value) => Write(value ? "true" : "false");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndRow()
    {
        _writer.Write('\n');
        _atLineStart = true;
    }

    /// <summary>Shortest round-trip form; integers without a decimal point; NaN as empty.</summary>
    public static string FormatNumber(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
