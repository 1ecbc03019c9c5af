namespace SocBridge.Core.Files;

/// <summary>Paths as the file system resolves them.</summary>
internal static class FilePaths
{
    /// <summary>
    /// Why a run's outputs cannot be written: an output that is one of the inputs (by any name: symbolic links are
    /// followed), two outputs on one file, or an output path that is a folder; null when they can.
    /// </summary>
    /// <param name="inputs">The files the run reads, by role.</param>
    /// <param name="outputs">The files the run writes, by role.</param>
    public static string? Conflict(IEnumerable<(string Role, string Path)> inputs, IEnumerable<(string Role, string Path)> outputs)
    {
        var read = inputs.Select(i => (i.Role, i.Path, Canonical: Canonical(i.Path))).ToArray();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, path) in outputs)
        {
            var canonical = Canonical(path);
            foreach (var input in read)
                if (canonical == input.Canonical)
                    return $"the {role} file {path} is the {input.Role} file{(Path.GetFullPath(path) != Path.GetFullPath(input.Path) ? $" {input.Path}" : "")}; the input is never written over: choose another output path";
            if (seen.TryGetValue(canonical, out var other))
                return $"the {role} file and the {other} file are both {path}; give each output its own path";
            if (Directory.Exists(path)) return $"the {role} path {path} is a folder; give a file path";
            seen[canonical] = role;
        }
        return null;
    }

    /// <summary>The absolute path with every symbolic link along it followed, so two names of one file compare equal.</summary>
    public static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        for (var hops = 0; hops < 40; hops++)
        {
            var resolved = ResolveOnce(full);
            if (resolved == full) return full;
            full = resolved;
        }
        return full;
    }

    /// <summary>Follows the first symbolic link found walking down from the root, or returns the path unchanged.</summary>
    private static string ResolveOnce(string full)
    {
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists || info.LinkTarget is null) continue;
            var target = info.LinkTarget;
            var absolute = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(current)!, target));
            return Path.Combine([absolute, .. parts[(i + 1)..]]);
        }
        return full;
    }
}
