namespace SocBridge.Apportion.Io;

/// <summary>
/// Rows of a table read one at a time: a CSV file in any dialect, or a sheet of a workbook. Each data row
/// knows its physical line (the sheet row in a workbook) and its record number among the data rows.
/// </summary>
internal interface ITableReader : IDisposable
{
    /// <summary>The column names, from the header line.</summary>
    IReadOnlyList<string> Header { get; }

    /// <summary>Moves to the next data row; false at the end.</summary>
    bool Read();

    /// <summary>The physical line (or sheet row) on which the current row starts.</summary>
    long Line { get; }

    /// <summary>The current row's number among the data rows, from 1.</summary>
    long Record { get; }

    /// <summary>The number of fields of the current row.</summary>
    int FieldCount { get; }

    /// <summary>The text of field <paramref name="ordinal"/> of the current row.</summary>
    ReadOnlySpan<char> Field(int ordinal);

    /// <summary>The fraction of the input read so far, for progress.</summary>
    double Progress { get; }

    /// <summary>
    /// Field <paramref name="ordinal"/> as a number when the input stores it as one (a typed column), so it is
    /// not written out as text and parsed again; false when the field is text (read it with <see cref="Field"/>).
    /// A stored null is NaN with <paramref name="isNull"/> set.
    /// </summary>
    bool TryNumber(int ordinal, out double value, out bool isNull)
    {
        value = double.NaN;
        isNull = false;
        return false;
    }
}

/// <summary>Helpers over <see cref="ITableReader"/>.</summary>
internal static class TableReaders
{
    /// <summary>Every field of the current row as strings.</summary>
    public static IReadOnlyList<string> Fields(this ITableReader reader)
    {
        var fields = new string[reader.FieldCount];
        for (var i = 0; i < fields.Length; i++) fields[i] = reader.Field(i).ToString();
        return fields;
    }
}
