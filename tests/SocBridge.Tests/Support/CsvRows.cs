using Sylvan.Data.Csv;

namespace SocBridge.Tests.Support;

/// <summary>Reads a whole CSV file written by the project, for assertions: one dictionary per data row, keyed by column name.</summary>
public static class CsvRows
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        using var csv = CsvDataReader.Create(path);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).ToDictionary(csv.GetName, csv.GetString));
        return rows;
    }
}
