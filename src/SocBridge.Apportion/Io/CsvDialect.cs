using System.Text;

namespace SocBridge.Apportion.Io;

/// <summary>How a CSV file is written: its field delimiter and its text encoding.</summary>
public sealed record CsvDialect(char Delimiter, string EncodingName)
{
    /// <summary>Comma-separated UTF-8 (a byte order mark is allowed): the default, and the only dialect read in parallel slices.</summary>
    public static CsvDialect Default { get; } = new(',', "utf-8");

    /// <summary>The encodings accepted by name.</summary>
    public static IReadOnlyList<string> EncodingNames { get; } = ["utf-8", "windows-1252", "latin1"];

    /// <summary>The delimiters accepted: comma, semicolon and tab.</summary>
    public static IReadOnlyList<char> Delimiters { get; } = [',', ';', '\t'];

    /// <summary>Whether this is the default dialect.</summary>
    public bool IsDefault => Delimiter == ',' && EncodingName == "utf-8";

    /// <summary>The decoder: strict UTF-8 (bad bytes are an error, never a replacement character), Windows-1252 or ISO-8859-1.</summary>
    public Encoding Encoding => EncodingName switch
    {
        "utf-8" => new UTF8Encoding(false, throwOnInvalidBytes: true),
        "windows-1252" => CodePages.Windows1252,
        "latin1" => Encoding.Latin1,
        _ => throw new InvalidOperationException($"unknown encoding '{EncodingName}'"),
    };

    /// <summary>The delimiter as users write it on a command line (',' ';' 'tab').</summary>
    public string DelimiterName => Delimiter == '\t' ? "tab" : Delimiter.ToString();

    /// <summary>Reads a delimiter as written on a command line: <c>,</c>, <c>;</c>, <c>tab</c> or <c>\t</c>.</summary>
    public static bool TryParseDelimiter(string text, out char delimiter)
    {
        delimiter = text switch
        {
            "," or "comma" => ',',
            ";" or "semicolon" => ';',
            "tab" or "\\t" or "\t" => '\t',
            _ => '\0',
        };
        return delimiter != '\0';
    }

    /// <summary>Reads an encoding name (utf-8, windows-1252, latin1 and their usual spellings).</summary>
    public static bool TryParseEncoding(string text, out string name)
    {
        name = text.ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal) switch
        {
            "utf-8" or "utf8" => "utf-8",
            "windows-1252" or "cp1252" or "1252" => "windows-1252",
            "latin1" or "latin-1" or "iso-8859-1" => "latin1",
            _ => "",
        };
        return name.Length > 0;
    }
}

/// <summary>Code-page encodings (Windows-1252), which .NET provides once its code-page provider is registered.</summary>
internal static class CodePages
{
    private static readonly Lazy<Encoding> Cp1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    public static Encoding Windows1252 => Cp1252.Value;

    /// <summary>Registers the code-page provider, which the workbook reader needs even for .xlsx files.</summary>
    public static void Register() => _ = Cp1252.Value;
}
