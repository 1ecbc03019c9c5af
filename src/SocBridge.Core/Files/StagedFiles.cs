using SocBridge.Core.Csv;

namespace SocBridge.Core.Files;

/// <summary>
/// The output files of one run, published together. Each file is written to a hidden temporary file in its target
/// folder (<c>.NAME.PID.GUID.tmp</c>); <see cref="Publish"/> renames them all into place once every one is written,
/// and disposing an unpublished set deletes its temporary files, so a failed run leaves nothing new behind and never
/// half of a set. Temporary files left by a killed run are removed by the next run to the same outputs
/// (<see cref="RemoveStale"/>).
/// </summary>
internal sealed class StagedFiles : IDisposable
{
    private readonly List<(string Final, string Temp)> _staged = [];
    private bool _published;

    /// <summary>A temporary path to write the file that will become <paramref name="final"/>; its folder is created.</summary>
    public string Stage(string final)
    {
        var temp = TempFor(final, "tmp");
        _staged.Add((Path.GetFullPath(final), temp));
        return temp;
    }

    /// <summary>Stages <paramref name="final"/> and writes it through <paramref name="write"/> (the stream is closed afterwards).</summary>
    public void Write(string final, Action<Stream> write)
    {
        using var stream = new FileStream(Stage(final), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
    }

    /// <summary>Stages <paramref name="final"/> and writes it as UTF-8 text without a byte-order mark.</summary>
    public void WriteText(string final, Action<TextWriter> write) =>
        Write(final, stream =>
        {
            using var writer = new StreamWriter(stream, CsvFieldWriter.Utf8NoBom, 1 << 16);
            write(writer);
        });

    /// <summary>
    /// Renames every staged file into place, in the order staged, once each is known to be there: a temporary file
    /// that has gone (removed by another process) fails the run before anything is renamed, rather than publishing
    /// part of the set.
    /// </summary>
    /// <exception cref="IOException">A staged file is missing, or a rename fails.</exception>
    public void Publish()
    {
        foreach (var (final, temp) in _staged)
        {
            if (!File.Exists(temp)) throw new IOException($"{final}: its temporary file {temp} has gone before it could be renamed into place; nothing was published");
            if (Directory.Exists(final)) throw new IOException($"{final} is a folder; nothing was published");
        }
        foreach (var (final, temp) in _staged) File.Move(temp, final, overwrite: true);
        _published = true;
    }

    /// <summary>A hidden temporary name beside <paramref name="final"/>, unique to this process and call; its folder is created.</summary>
    public static string TempFor(string final, string extension)
    {
        var full = Path.GetFullPath(final);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.{extension}");
    }

    /// <summary>
    /// Removes temporary files of earlier runs that were killed before they could clean up, for each of these outputs:
    /// only names of the form <see cref="TempFor"/> makes (<c>.NAME.PID.GUID.tmp</c> or <c>.part</c>, the GUID in 32 hex
    /// digits) whose process is no longer running, so a run still writing to the same outputs keeps its files.
    /// </summary>
    public static void RemoveStale(IEnumerable<string> finals)
    {
        foreach (var final in finals)
        {
            var full = Path.GetFullPath(final);
            var dir = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(dir)) continue;
            var name = Path.GetFileName(full);
            foreach (var pattern in new[] { $".{name}.*.tmp", $".{name}.*.part" })
                foreach (var stale in Directory.EnumerateFiles(dir, pattern))
                    if (StaleOwner(Path.GetFileName(stale), name) is { } pid && !IsRunning(pid)) TryDelete(stale);
        }
    }

    /// <summary>The process id in a temporary name made for <paramref name="name"/>; null when the name is not one of ours.</summary>
    private static int? StaleOwner(string file, string name)
    {
        var rest = file.AsSpan(name.Length + 2); // ".NAME."
        var dot = rest.IndexOf('.');
        if (dot <= 0 || !int.TryParse(rest[..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)) return null;
        var guid = rest[(dot + 1)..];
        var end = guid.IndexOf('.');
        if (end != 32) return null;
        foreach (var c in guid[..end]) if (!char.IsAsciiHexDigitLower(c)) return null;
        return pid;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Deletes a file, ignoring a failure: what is left is removed by a later run (<see cref="RemoveStale"/>).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        if (_published) return;
        foreach (var (_, temp) in _staged) TryDelete(temp);
    }
}
