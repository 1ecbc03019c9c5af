using SocBridge.Apportion.Engine;
using SocBridge.Core.Csv;
using SocBridge.Core.Files;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Writes the rejects of one reader to a temporary file as they come, so a file with many bad rows needs no
/// memory for them; <see cref="Join"/> puts the readers' files together, in input order, as the rejects
/// file. Without a rejects path the records are only counted.
/// </summary>
internal sealed class RejectsFile : IRejectSink, IDisposable
{
    private readonly StreamWriter? _text;
    private readonly CsvFieldWriter? _csv;

    private RejectsFile(string? path)
    {
        Path = path;
        if (path is null) return;
        _text = new StreamWriter(path, false, CsvFieldWriter.Utf8NoBom, 1 << 16);
        _csv = new CsvFieldWriter(_text);
    }

    public string? Path { get; }

    public long Count { get; private set; }

    /// <summary>The first rejects' lines and reasons, kept to explain a run that fails.</summary>
    public List<(long Line, string Reason)> FirstReasons { get; } = [];

    /// <summary>
    /// A sink for reader <paramref name="index"/> of a run whose rejects go to <paramref name="rejectsPath"/> (or
    /// nowhere). The first reader's file starts with the header, so it becomes the rejects file by a rename.
    /// </summary>
    public static RejectsFile For(string? rejectsPath, int index, IReadOnlyList<string> inputHeader)
    {
        if (rejectsPath is null) return new RejectsFile(null);
        var full = System.IO.Path.GetFullPath(rejectsPath);
        var dir = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var file = new RejectsFile(StagedFiles.TempFor(full, $"{index}.part"));
        if (index == 0) file._csv!.WriteRow(["line", "record", "column", "value", "reason", .. inputHeader]);
        return file;
    }

    public void Reject(RejectRecord record)
    {
        Count++;
        if (FirstReasons.Count < 100) FirstReasons.Add((record.Line, record.Reason));
        if (_csv is null) return;
        _csv.Write(record.Line);
        _csv.Write(record.Record);
        _csv.Write(record.Column ?? "");
        _csv.Write(record.Value ?? "");
        _csv.Write(record.Reason);
        foreach (var f in record.Fields) _csv.Write(f);
        _csv.EndRow();
    }

    /// <summary>Appends the later parts to the first and renames it to <paramref name="path"/> (a staged file in the same folder).</summary>
    public static void Join(string path, IReadOnlyList<RejectsFile> parts)
    {
        foreach (var part in parts) part.Dispose();
        var first = parts[0].Path!;
        using (var into = new FileStream(first, FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16))
        {
            foreach (var part in parts.Skip(1))
            {
                using var from = File.OpenRead(part.Path!);
                from.CopyTo(into);
            }
        }
        File.Move(first, System.IO.Path.GetFullPath(path), overwrite: true);
        Delete(parts.Skip(1));
    }

    public static void Delete(IEnumerable<RejectsFile> parts)
    {
        foreach (var part in parts)
        {
            part.Dispose();
            if (part.Path is not null && File.Exists(part.Path)) File.Delete(part.Path);
        }
    }

    public void Dispose() => _text?.Dispose();
}
