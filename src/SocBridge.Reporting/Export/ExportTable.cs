namespace SocBridge.Reporting.Export;

/// <summary>The type of an export column; Parquet columns take it, CSV and JSON write it in their own way.</summary>
public enum ExportType
{
    /// <summary>Text (never null; empty when absent).</summary>
    Text,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Number,

    /// <summary>A floating-point number that may be absent (empty in CSV, null in JSON and Parquet).</summary>
    OptionalNumber,

    /// <summary>true or false.</summary>
    Boolean,
}

/// <summary>A column: its snake_case name, type and meaning (the meaning is what docs/audit.md lists).</summary>
public sealed record ExportColumn(string Name, ExportType Type, string Meaning);

/// <summary>
/// A table to export: columns and rows of values (string, int, double, double? or bool, matching the
/// column types). The same table is written as CSV, JSON or Parquet with the same column names.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Index of a column by name.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column) return i;
        throw new ArgumentException($"table {Name} has no column '{column}'", nameof(column));
    }
}
