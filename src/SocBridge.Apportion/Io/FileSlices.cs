using Microsoft.Win32.SafeHandles;

namespace SocBridge.Apportion.Io;

/// <summary>Turns bytes read on several threads into the fraction of a file read, for a progress callback.</summary>
internal static class ByteProgress
{
    /// <summary>A sink for bytes read (from any thread) that reports the fraction of <paramref name="length"/> done; null without a callback.</summary>
    public static Action<long>? For(Action<double>? progress, long length)
    {
        if (progress is null) return null;
        long done = 0;
        var gate = new Lock();
        return bytes =>
        {
            var total = Interlocked.Add(ref done, bytes);
            lock (gate) progress((double)total / Math.Max(1, length));
        };
    }
}

/// <summary>A run of whole lines of a file: bytes [Start, End), the first of them being file line <see cref="FirstLine"/>.</summary>
internal readonly record struct FileSlice(long Start, long End, long FirstLine);

/// <summary>The slices of a file, whether it has quoted fields (then each slice is read by the general reader), and the lines they hold.</summary>
internal sealed record SlicePlan(IReadOnlyList<FileSlice> Slices, bool Quoted, long Lines);

/// <summary>
/// Cuts the data lines of a CSV file into slices that can be read independently. That is only safe when
/// every line break ends a record: each line must hold an even number of quote characters (so no quoted
/// field runs on to the next line) and a carriage return may only come before a line feed. Files that
/// do not qualify are read whole by the general CSV reader.
/// </summary>
internal static class FileSlices
{
    private const int Utf8BomLength = 3;

    /// <summary>The slices, or null when the file must be read as one (a quoted line break, a stray carriage return, no data lines).</summary>
    public static SlicePlan? Plan(SafeFileHandle file, int count)
    {
        var length = RandomAccess.GetLength(file);
        return DataStart(file, length) is { } start && start < length ? Plan(file, count, start, length, 2) : null;
    }

    /// <summary>
    /// The slices of the whole lines in bytes [<paramref name="start"/>, <paramref name="end"/>) (both at line
    /// starts, the first being file line <paramref name="firstLine"/>), or null when that range cannot be sliced.
    /// </summary>
    public static SlicePlan? Plan(SafeFileHandle file, int count, long start, long end, long firstLine)
    {
        var length = end;
        var bounds = new long[count + 1];
        bounds[0] = start;
        bounds[count] = length;
        for (var k = 1; k < count; k++)
            bounds[k] = Math.Max(bounds[k - 1], NextLineStart(file, start + (length - start) * k / count, length));

        var lines = new long[count];
        var sliceable = new bool[count];
        var quoted = new bool[count];
        Parallel.For(0, count, k => (sliceable[k], quoted[k], lines[k]) = Scan(file, bounds[k], bounds[k + 1]));
        if (!sliceable.All(p => p)) return null;
        var slices = new FileSlice[count];
        var line = firstLine;
        for (var k = 0; k < count; k++)
        {
            slices[k] = new FileSlice(bounds[k], bounds[k + 1], line);
            line += lines[k];
        }
        return new SlicePlan(slices, quoted.Any(q => q), line - firstLine);
    }

    /// <summary>Where the line after the header (file line 2) starts, or null when the header holds a quote or has no line end.</summary>
    public static long? DataStart(SafeFileHandle file, long length)
    {
        var buffer = new byte[(int)Math.Min(length, 1 << 20)];
        var read = RandomAccess.Read(file, buffer, 0);
        var head = buffer.AsSpan(0, read);
        var end = head.IndexOf((byte)'\n');
        if (end < 0) return null;
        var header = head[..end];
        if (header.StartsWith("\uFEFF"u8)) header = header[Utf8BomLength..];
        if (header.Count((byte)'"') % 2 != 0 || header.TrimEnd((byte)'\r').Contains((byte)'\r')) return null;
        return end + 1;
    }

    /// <summary>The start of the first line that begins after <paramref name="from"/> − 1 (the length when there is none).</summary>
    public static long NextLineStart(SafeFileHandle file, long from, long length)
    {
        var buffer = new byte[1 << 16];
        for (var at = from; at < length;)
        {
            var read = RandomAccess.Read(file, buffer, at);
            if (read <= 0) break;
            var nl = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (nl >= 0) return at + nl + 1;
            at += read;
        }
        return length;
    }

    /// <summary>
    /// Counts line feeds in [start, end) and checks that every line has an even number of quotes and that
    /// carriage returns come only before line feeds. Blocks without quotes are checked with vector searches.
    /// </summary>
    private static (bool Sliceable, bool Quoted, long Lines) Scan(SafeFileHandle file, long start, long end)
    {
        var buffer = new byte[1 << 20];
        long lines = 0;
        var pendingCr = false;
        var oddQuotes = false; // within the current line
        var quoted = false;
        for (var at = start; at < end;)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (read <= 0) break;
            var block = buffer.AsSpan(0, read);
            at += read;
            if (pendingCr && block[0] != (byte)'\n') return (false, quoted, 0);
            pendingCr = false;
            if (!oddQuotes && !block.Contains((byte)'"'))
            {
                lines += block.Count((byte)'\n');
                for (var rest = block; ;)
                {
                    var i = rest.IndexOf((byte)'\r');
                    if (i < 0) break;
                    if (i + 1 == rest.Length) pendingCr = true;
                    else if (rest[i + 1] != (byte)'\n') return (false, quoted, 0);
                    rest = rest[(i + 1)..];
                }
                continue;
            }
            quoted = true;
            for (var i = 0; i < block.Length; i++)
            {
                switch (block[i])
                {
                    case (byte)'"':
                        oddQuotes = !oddQuotes;
                        break;
                    case (byte)'\n':
                        if (oddQuotes) return (false, quoted, 0); // a quoted field runs on to the next line
                        lines++;
                        break;
                    case (byte)'\r':
                        if (i + 1 == block.Length) pendingCr = true;
                        else if (block[i + 1] != (byte)'\n') return (false, quoted, 0);
                        break;
                }
            }
        }
        // A carriage return as the very last byte of the file ends the last line, as a line feed would.
        return (!oddQuotes, quoted, lines);
    }
}
