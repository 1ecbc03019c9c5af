namespace SocBridge.Apportion.Io;

/// <summary>The kinds of file a series can be read from.</summary>
internal enum InputKind
{
    /// <summary>Delimited text.</summary>
    Csv,

    /// <summary>An Office Open XML workbook (.xlsx, .xlsm).</summary>
    Xlsx,

    /// <summary>A binary Excel 97–2003 workbook (.xls).</summary>
    Xls,

    /// <summary>An Apache Parquet file (.parquet).</summary>
    Parquet,
}

/// <summary>Chooses the reader of an input by its extension, and checks the file's first bytes agree.</summary>
internal static class InputFormat
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ParquetMagic = "PAR1"u8.ToArray();

    /// <summary>The kind named by the extension: .xlsx and .xlsm are workbooks, .xls an Excel 97–2003 workbook, anything else text.</summary>
    public static InputKind ByExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xlsx" or ".xlsm" => InputKind.Xlsx,
        ".xls" => InputKind.Xls,
        ".parquet" => InputKind.Parquet,
        _ => InputKind.Csv,
    };

    /// <summary>What the first bytes of the file look like.</summary>
    public static InputKind ByContent(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith(ZipMagic)) return InputKind.Xlsx;
        if (head.StartsWith(OleMagic)) return InputKind.Xls;
        if (head.StartsWith(ParquetMagic)) return InputKind.Parquet;
        return InputKind.Csv;
    }

    /// <summary>The reader to use; a file whose content disagrees with its extension is refused with what to do.</summary>
    public static InputKind Check(string path)
    {
        var named = ByExtension(path);
        var content = ByContent(path);
        if (named == content || (named == InputKind.Xls && content == InputKind.Xlsx) || (named == InputKind.Xlsx && content == InputKind.Xls)) return named;
        if (content == InputKind.Parquet || named == InputKind.Parquet)
            throw new InvalidDataException(content == InputKind.Parquet
                ? $"{path}: this is a Parquet file; give it the extension .parquet to read it as one"
                : $"{path}: the file is named .parquet but is not a Parquet file (it does not start with PAR1)");
        if (named == InputKind.Csv)
            throw new InvalidDataException(
                $"{path}: this is an Excel workbook ({(content == InputKind.Xlsx ? ".xlsx" : ".xls")}), not CSV text; " +
                $"give it its workbook extension ({(content == InputKind.Xlsx ? ".xlsx" : ".xls")}) to read it as one (choose the sheet with the sheet option), or save the sheet as CSV");
        throw new InvalidDataException(
            $"{path}: the file is named as an Excel workbook but holds text, not a workbook; if it is CSV, give it the extension .csv");
    }
}
