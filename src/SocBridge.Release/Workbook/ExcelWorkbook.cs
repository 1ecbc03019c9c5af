using System.Text;
using ExcelDataReader;

namespace SocBridge.Release.Workbook;

/// <summary>Reads chosen worksheets of an .xlsx or .xls file into memory with ExcelDataReader.</summary>
internal static class ExcelWorkbook
{
    /// <summary>
    /// Loads the named sheets (all of them must exist). Sheets not asked for are skipped without
    /// reading their rows.
    /// </summary>
    public static IReadOnlyDictionary<string, Sheet> Load(string path, params string[] sheetNames) => Load(path, sheetNames, []);

    /// <summary>Loads the named sheets, which must exist, and the optional ones that do.</summary>
    public static IReadOnlyDictionary<string, Sheet> Load(string path, IReadOnlyList<string> sheetNames, IReadOnlyList<string> optional)
    {
        // Legacy .xls files use Windows code pages that .NET only knows once this provider is registered.
        // Registering is idempotent.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var file = Path.GetFileName(path);
        var wanted = new HashSet<string>(sheetNames.Concat(optional), StringComparer.Ordinal);
        var sheets = new Dictionary<string, Sheet>(StringComparer.Ordinal);
        var seen = new List<string>();

        using var stream = File.OpenRead(path);
        using var reader = OpenReader(stream, file);
        do
        {
            seen.Add(reader.Name);
            if (!wanted.Contains(reader.Name)) continue;
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var cells = new object?[reader.FieldCount];
                for (var c = 0; c < cells.Length; c++) cells[c] = reader.GetValue(c);
                rows.Add(cells);
            }
            // Trailing rows with no cell at all carry no information.
            while (rows.Count > 0 && rows[^1].All(v => v is null)) rows.RemoveAt(rows.Count - 1);
            sheets[reader.Name] = new Sheet(file, reader.Name, rows);
        } while (reader.NextResult());

        foreach (var name in sheetNames)
            if (!sheets.ContainsKey(name))
                throw new OnsSourceException(file, name, null, null, null,
                    $"a sheet named '{name}' (the workbook has: {string.Join(", ", seen.Select(s => $"'{s}'"))})");
        return sheets;
    }

    private static IExcelDataReader OpenReader(Stream stream, string file)
    {
        try
        {
            return ExcelReaderFactory.CreateReader(stream);
        }
        catch (Exception e) when (e is not OnsSourceException)
        {
            throw new OnsSourceException(file, null, null, null, null, $"an Excel workbook (.xlsx or .xls) that can be opened ({e.Message})");
        }
    }
}
