namespace SocBridge.Apportion.Io;

/// <summary>
/// The files of a run of several steps (a folder of partitions, the demo), written into an output folder as one
/// unit. The steps write into <see cref="Path"/>, a hidden staging folder inside the output folder
/// (<c>OUT/.NAME.PID.GUID.tmp</c>), which a lock (<c>OUT/.NAME.lock</c>) keeps for this run alone.
/// <see cref="Publish"/> moves every staged file into place, keeping its sub-folder, the metadata
/// (<c>*.meta.json</c>) last; it is called only once every step has passed its checks. Disposing a folder that was
/// not published deletes the staging folder, and the output folder too when this run created it: a failed run
/// leaves the output folder as it was. Staging folders of killed runs are removed by the next run under the same name.
/// </summary>
public sealed class StagedFolder : IDisposable
{
    private const string MetadataSuffix = ".meta.json";
    private readonly OutputLock _lock;
    private readonly bool _created;
    private bool _published;

    private StagedFolder(string output, string staging, OutputLock outputLock, bool created)
    {
        Output = output;
        Path = staging;
        _lock = outputLock;
        _created = created;
    }

    /// <summary>The output folder (full path).</summary>
    public string Output { get; }

    /// <summary>The staging folder the steps write into (full path); it exists until the folder is published or disposed.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes <paramref name="output"/> for one run: creates it if needed, takes the lock named by <paramref name="name"/>,
    /// removes staging folders of killed runs under that name and creates a new one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or holds a path separator.</exception>
    /// <exception cref="OutputLockedException">Another run is writing into the same folder under the same name.</exception>
    public static StagedFolder Open(string output, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.IndexOfAny(['/', System.IO.Path.DirectorySeparatorChar]) >= 0)
            throw new ArgumentException($"'{name}' is not a plain name", nameof(name));
        var full = System.IO.Path.GetFullPath(output);
        var created = !Directory.Exists(full);
        Directory.CreateDirectory(full);
        OutputLock outputLock;
        try
        {
            outputLock = OutputLock.Acquire(System.IO.Path.Combine(full, name));
        }
        catch
        {
            if (created) RemoveIfEmpty(full);
            throw;
        }
        try
        {
            foreach (var stale in Directory.EnumerateDirectories(full, $".{name}.*.tmp")) Directory.Delete(stale, recursive: true);
            var staging = System.IO.Path.Combine(full, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            Directory.CreateDirectory(staging);
            return new StagedFolder(full, staging, outputLock, created);
        }
        catch
        {
            outputLock.Dispose();
            if (created) RemoveIfEmpty(full);
            throw;
        }
    }

    /// <summary>Where the file staged at <paramref name="staged"/> (a path inside <see cref="Path"/>) is once published.</summary>
    public string Published(string staged) =>
        System.IO.Path.Combine(Output, System.IO.Path.GetRelativePath(Path, System.IO.Path.GetFullPath(staged)));

    /// <summary>
    /// Moves every staged file into the output folder under the same relative path, replacing a file of that name:
    /// first the files other than metadata, then the metadata, whose earlier copies are removed before anything is
    /// moved (a set without its metadata is visibly incomplete). Hidden files (a name starting with '.') are not
    /// published. Returns the published paths in the order they were moved.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder was published already.</exception>
    /// <exception cref="IOException">A published file would be a folder, or a folder it needs is a file; nothing is moved.</exception>
    public IReadOnlyList<string> Publish()
    {
        if (_published) throw new InvalidOperationException($"{Output}: the staged files were published already");
        var staged = Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Where(f => !System.IO.Path.GetRelativePath(Path, f).Split(System.IO.Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .OrderBy(f => f.EndsWith(MetadataSuffix, StringComparison.Ordinal))
            .ThenBy(f => System.IO.Path.GetRelativePath(Path, f), StringComparer.Ordinal)
            .ToArray();
        // Everything that can be checked is checked, and every folder made, before the first file is touched: a
        // folder where a file goes, or a file where a folder goes, fails the run with the output folder as it was.
        foreach (var final in staged.Select(Published))
        {
            if (Directory.Exists(final)) throw new IOException($"{final} is a folder; nothing was published");
            for (var dir = System.IO.Path.GetDirectoryName(final)!; dir.Length > Output.Length; dir = System.IO.Path.GetDirectoryName(dir)!)
                if (File.Exists(dir)) throw new IOException($"{dir} is a file where a folder is needed; nothing was published");
        }
        foreach (var final in staged.Select(Published)) Directory.CreateDirectory(System.IO.Path.GetDirectoryName(final)!);
        foreach (var metadata in staged.Where(f => f.EndsWith(MetadataSuffix, StringComparison.Ordinal)).Select(Published))
            if (File.Exists(metadata)) File.Delete(metadata);
        var published = new List<string>(staged.Length);
        foreach (var file in staged)
        {
            var final = Published(file);
            File.Move(file, final, overwrite: true);
            published.Add(final);
        }
        _published = true;
        return published;
    }

    /// <summary>Deletes the staging folder and releases the lock; an unpublished run that created the output folder removes it.</summary>
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        _lock.Dispose();
        if (_created && !_published) RemoveIfEmpty(Output);
    }

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
