using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>What the series-file tests share: fixtures, a CSV reader independent of the engine's, folder snapshots.</summary>
public static class SeriesFileSupport
{
    /// <summary>The committed fixture files (workbooks made by Fixtures/make_workbooks.py).</summary>
    public static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "SocBridge.Tests", "Fixtures", name);

    /// <summary>Reads CSV text (RFC 4180 quoting, LF or CRLF) into rows of fields; a plain reader, not the engine's.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    rows.Add([.. fields]);
                    fields.Clear(); field.Clear(); any = false;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (any || field.Length > 0) { fields.Add(field.ToString()); rows.Add([.. fields]); }
        return rows;
    }

    /// <summary>A CSV file as a header and rows of named fields.</summary>
    public sealed record Table(string[] Header, List<string[]> Rows)
    {
        public int Index(string column) => Array.IndexOf(Header, column) is var i and >= 0 ? i : throw new KeyNotFoundException($"no column '{column}' in {string.Join(",", Header)}");

        public IEnumerable<string> Column(string column) => Rows.Select(r => r[Index(column)]);

        public IEnumerable<double> Numbers(string column) => Column(column).Select(Number);

        public double Sum(string column) => Numbers(column).Sum();
    }

    public static Table ReadTable(string path)
    {
        var rows = ParseCsv(File.ReadAllText(path));
        return new Table(rows[0], rows.Skip(1).ToList());
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Every file under a folder (hidden ones too) with its SHA-256: two equal snapshots are the same files with the same bytes.</summary>
    public static SortedDictionary<string, string> Snapshot(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            string hash;
            try
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)));
            }
            catch (IOException)
            {
                hash = "locked by another holder"; // a lock file held open: present, its bytes not readable
            }
            files[Path.GetRelativePath(folder, f)] = hash;
        }
        return files;
    }

    public static string Describe(SortedDictionary<string, string> snapshot) => string.Join("; ", snapshot.Select(kv => $"{kv.Key}={kv.Value[..Math.Min(8, kv.Value.Length)]}"));

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Relative difference allowed where sums of shares are compared with sums of inputs.</summary>
    public static void AssertClose(double expected, double actual, double relative = 1e-9, string? what = null)
    {
        var tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what ?? "value"}: expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Runs a command and returns its exit status and standard output (for mount and umount).</summary>
    public static (int Exit, string Output) Shell(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var p = System.Diagnostics.Process.Start(start)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}

/// <summary>
/// A small file system mounted for one test (tmpfs, read-write or read-only), unmounted on dispose.
/// <see cref="Problem"/> says why it could not be mounted (not root, no mount command, a container that forbids it).
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    public TmpfsMount(string path, string size, bool readOnly = false)
    {
        Path = path;
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsLinux())
        {
            Problem = "tmpfs mounts need Linux";
            return;
        }
        var (exit, output) = SeriesFileSupport.Shell("mount", "-t", "tmpfs", "-o", $"size={size}{(readOnly ? ",ro" : "")}", "tmpfs", path);
        if (exit != 0) Problem = $"cannot mount a tmpfs at {path} (mount exited {exit}: {output.Trim()}); run the tests as root in a system that allows mounts";
        else Mounted = true;
    }

    public string Path { get; }

    public bool Mounted { get; private set; }

    public string? Problem { get; }

    /// <summary>Remounts read-only (after the test has put files in place).</summary>
    public bool RemountReadOnly() => SeriesFileSupport.Shell("mount", "-o", "remount,ro", Path).Exit == 0;

    public void Dispose()
    {
        if (Mounted && SeriesFileSupport.Shell("umount", Path).Exit == 0) Mounted = false;
    }
}

/// <summary>Whether this machine lets the tests mount a tmpfs (tried once: mount and unmount a small one).</summary>
public static class TmpfsProbe
{
    private static readonly Lazy<string?> Why = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "socbridge-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var mount = new TmpfsMount(dir, "16k");
            return mount.Problem;
        }
        finally
        {
            try { Directory.Delete(dir); } catch (IOException) { }
        }
    });

    /// <summary>Why a tmpfs cannot be mounted, or null when it can.</summary>
    public static string? Problem => Why.Value;
}

/// <summary>A fact that needs to mount a tmpfs; skipped, saying why, where mounts are not allowed.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (TmpfsProbe.Problem is { } problem) Skip = "needs a tmpfs mount: " + problem;
    }
}
