using System.Runtime.InteropServices;

namespace SocBridge.Apportion.Io;

/// <summary>Another run is writing the same output.</summary>
public sealed class OutputLockedException(string message) : IOException(message);

/// <summary>
/// Holds the output of a run for that run alone: an exclusive lock on a hidden file beside the output
/// (<c>.OUT.csv.lock</c>), released and removed when the run ends. The kernel releases the lock of a killed
/// run, so a lock is never stale; the file it leaves is taken over by the next run. Each holder writes a
/// lock is checked to be on the file the path names (same device and inode), so a run that locked a file that
/// another run had just removed never believes it holds the output.
/// </summary>
internal sealed partial class OutputLock : IDisposable
{
    private readonly FileStream _stream;

    private OutputLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>The lock file of <paramref name="output"/>.</summary>
    public static string For(string output)
    {
        var full = System.IO.Path.GetFullPath(output);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, "." + System.IO.Path.GetFileName(full) + ".lock");
    }

    /// <summary>Takes the lock of <paramref name="output"/> or fails at once, saying another run holds it.</summary>
    public static OutputLock Acquire(string output)
    {
        var path = For(output);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            FileStream stream;
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) that a second opener cannot get.
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(path))
            {
                throw new OutputLockedException($"another run is writing {output} (it holds {path}); wait for it to finish, or write to another output");
            }
            if (SameFile(stream, path)) return new OutputLock(stream, path);
            stream.Dispose(); // the file was removed by the run that held it before us: lock the new one
        }
        throw new OutputLockedException($"cannot take the lock {path} of {output}: other runs keep replacing it");
    }

    /// <summary>Whether the locked handle is still the file at <paramref name="path"/> (true where the system cannot tell).</summary>
    private static bool SameFile(FileStream stream, string path)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess) return File.Exists(path);
        try
        {
            Span<byte> open = stackalloc byte[StatSize];
            Span<byte> named = stackalloc byte[StatSize];
            if (FStat((int)stream.SafeFileHandle.DangerousGetHandle(), open) != 0) return File.Exists(path);
            if (Stat(path, named) != 0) return false;
            // 64-bit Linux (x86-64 and arm64) starts struct stat with st_dev and st_ino, 8 bytes each.
            return open[..16].SequenceEqual(named[..16]);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return File.Exists(path);
        }
    }

    /// <summary>More than the size of struct stat on any 64-bit Linux.</summary>
    private const int StatSize = 256;

    [LibraryImport("libc", EntryPoint = "fstat")]
    private static partial int FStat(int fd, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, Span<byte> buffer);

    public void Dispose()
    {
        try
        {
            File.Delete(Path); // while still holding the lock, so no other run can be fooled by the removed file
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        _stream.Dispose();
    }
}
