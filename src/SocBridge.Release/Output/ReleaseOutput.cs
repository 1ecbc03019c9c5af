using SocBridge.Core.Csv;
using SocBridge.Core.Release;

namespace SocBridge.Release.Output;

/// <summary>One release file rendered in memory: its exact text and the number of data records it holds.</summary>
internal sealed record RenderedFile(string File, string Text, int Rows)
{
    public byte[] Bytes => CsvFieldWriter.Utf8NoBom.GetBytes(Text);

    public string Sha256 => ReleaseVerifier.Sha256Hex(Bytes);

    /// <summary>
    /// A JSON document. System.Text.Json indents with the platform's line end, so '\r\n' is folded to '\n'
    /// here to give the same bytes on every platform (JSON strings escape CR, so no content changes).
    /// </summary>
    public static RenderedFile Json(string file, int rows, string json) =>
        new(file, json.Replace("\r\n", "\n", StringComparison.Ordinal), rows);

    public static RenderedFile Csv(string file, int rows, Action<TextWriter> write)
    {
        // '\n' line ends come from the CSV writer itself; the StringWriter's NewLine is never used.
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        write(text);
        return new RenderedFile(file, text.ToString(), rows);
    }
}

/// <summary>Writes rendered files into the release folder, each through <see cref="AtomicFile"/>.</summary>
internal static class ReleaseWriter
{
    public static void Write(string outDir, RenderedFile file) =>
        AtomicFile.WriteText(Path.Combine(outDir, file.File), writer => writer.Write(file.Text));
}
