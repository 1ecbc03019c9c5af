using System.Text.Json;
using Parquet;
using Parquet.Schema;
using SocBridge.Core.Csv;

namespace SocBridge.Reporting.Export;

/// <summary>File formats of an export.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180 CSV, UTF-8 without BOM, '\n' line ends.</summary>
    Csv,

    /// <summary>A JSON array with one object per row.</summary>
    Json,

    /// <summary>Parquet, one row group, Snappy compression.</summary>
    Parquet,
}

/// <summary>Writes export tables as CSV (RFC 4180, UTF-8, '\n'), JSON (an array of objects) or Parquet (one row group, Snappy).</summary>
public static class ExportWriter
{
    /// <summary>The file extension of a format.</summary>
    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => ".csv",
        ExportFormat.Json => ".json",
        ExportFormat.Parquet => ".parquet",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Writes every table into <paramref name="directory"/> as <c>NAME.ext</c>, each through a temporary file; returns the paths.</summary>
    public static IReadOnlyList<string> WriteAll(IEnumerable<ExportTable> tables, string directory, ExportFormat format)
    {
        var paths = new List<string>();
        foreach (var table in tables)
        {
            var path = Path.Combine(directory, table.Name + Extension(format));
            AtomicFile.Write(path, stream => Write(table, stream, format));
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>Writes one table to <paramref name="stream"/> in <paramref name="format"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="format">The file format.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static void Write(ExportTable table, Stream stream, ExportFormat format)
    {
        switch (format)
        {
            case ExportFormat.Csv:
                using (var writer = new StreamWriter(stream, CsvFieldWriter.Utf8NoBom, 1 << 16, leaveOpen: true)) WriteCsv(table, writer);
                break;
            case ExportFormat.Json:
                WriteJson(table, stream);
                break;
            case ExportFormat.Parquet:
                WriteParquetAsync(table, stream).GetAwaiter().GetResult();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    /// <summary>Writes one table as CSV: a header line, then one line per row.</summary>
    /// <param name="table">The table.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteCsv(ExportTable table, TextWriter writer)
    {
        var csv = new CsvFieldWriter(writer);
        foreach (var c in table.Columns) csv.Write(c.Name);
        csv.EndRow();
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                switch (row[i])
                {
                    case null: csv.Write(""); break;
                    case string s: csv.Write(s); break;
                    case int n: csv.Write(n); break;
                    case double d: csv.Write(d); break;
                    case bool b: csv.Write(b); break;
                    default: throw new InvalidOperationException($"{table.Name}.{table.Columns[i].Name}: unexpected value type {row[i]!.GetType().Name}");
                }
            }
            csv.EndRow();
        }
        csv.Flush();
    }

    /// <summary>Writes one table as a JSON array of objects, one per row, keyed by column name.</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">Where to write; left open.</param>
    public static void WriteJson(ExportTable table, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartArray();
        foreach (var row in table.Rows)
        {
            w.WriteStartObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var name = table.Columns[i].Name;
                switch (row[i])
                {
                    case null: w.WriteNull(name); break;
                    case string s: w.WriteString(name, s); break;
                    case int n: w.WriteNumber(name, n); break;
                    case double d when double.IsFinite(d): w.WriteNumber(name, d); break;
                    case double: w.WriteNull(name); break;
                    case bool b: w.WriteBoolean(name, b); break;
                    default: throw new InvalidOperationException($"{table.Name}.{name}: unexpected value type {row[i]!.GetType().Name}");
                }
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes one table as Parquet, in one row group.</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">Where to write; it must be seekable.</param>
    public static async Task WriteParquetAsync(ExportTable table, Stream stream)
    {
        var fields = table.Columns.Select(c => c.Type switch
        {
            ExportType.Text => (DataField)new DataField<string>(c.Name),
            ExportType.Integer => new DataField<int>(c.Name),
            ExportType.Number => new DataField<double>(c.Name),
            ExportType.OptionalNumber => new DataField<double?>(c.Name),
            ExportType.Boolean => new DataField<bool>(c.Name),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        }).ToArray();
        var schema = new ParquetSchema(fields);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            var column = i;
            var values = table.Rows.Select(r => r[column]);
            switch (table.Columns[i].Type)
            {
                case ExportType.Text:
                    await group.WriteAsync(fields[i], values.Select(v => (string)(v ?? "")).ToArray());
                    break;
                case ExportType.Integer:
                    await group.WriteAsync<int>(fields[i], values.Select(v => (int)v!).ToArray().AsMemory());
                    break;
                case ExportType.Number:
                    await group.WriteAsync<double>(fields[i], values.Select(v => (double)v!).ToArray().AsMemory());
                    break;
                case ExportType.OptionalNumber:
                    await group.WriteAsync<double>(fields[i], new ReadOnlyMemory<double?>(values.Select(v => (double?)v).ToArray()));
                    break;
                case ExportType.Boolean:
                    await group.WriteAsync<bool>(fields[i], values.Select(v => (bool)v!).ToArray().AsMemory());
                    break;
            }
        }
        group.CompleteValidate();
    }
}
