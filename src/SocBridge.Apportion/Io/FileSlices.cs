using Microsoft.Win32.SafeHandles;

namespace SocBridge.Apportion.Io;

/// <summary>A run of whole lines of a file: bytes [Start, End), the first of them being file line <see cref="FirstLine"/>.</summary>
internal readonly record struct FileSlice(long Start, long End, long FirstLine);

/// <summary>
/// Cuts the data lines of a CSV file into slices that can be read independently. That is only safe when
/// every line break ends a record: the file must hold no quote character (a quoted field may contain a
/// line break or a comma) and no carriage return except before a line feed. Files that do not qualify
/// are read whole by the general CSV reader.
/// </summary>
internal static class FileSlices
{
    private const int Utf8BomLength = 3;

    /// <summary>The slices, or null when the file must be read as one (quotes, stray carriage returns, no data lines).</summary>
    public static IReadOnlyList<FileSlice>? Plan(SafeFileHandle file, int count)
    {
        var length = RandomAccess.GetLength(file);
        var dataStart = DataStart(file, length);
        if (dataStart is not { } start || start >= length) return null;
        var bounds = new long[count + 1];
        bounds[0] = start;
        bounds[count] = length;
        for (var k = 1; k < count; k++)
            bounds[k] = Math.Max(bounds[k - 1], NextLineStart(file, start + (length - start) * k / count, length));

        var lines = new long[count];
        var plain = new bool[count];
        Parallel.For(0, count, k => (plain[k], lines[k]) = Scan(file, bounds[k], bounds[k + 1]));
        if (!plain.All(p => p)) return null;
        var slices = new FileSlice[count];
        var line = 2L; // the header is line 1
        for (var k = 0; k < count; k++)
        {
            slices[k] = new FileSlice(bounds[k], bounds[k + 1], line);
            line += lines[k];
        }
        return slices;
    }

    /// <summary>Where the line after the header starts, or null when the header holds a quote or has no line end.</summary>
    private static long? DataStart(SafeFileHandle file, long length)
    {
        var buffer = new byte[(int)Math.Min(length, 1 << 20)];
        var read = RandomAccess.Read(file, buffer, 0);
        var head = buffer.AsSpan(0, read);
        var end = head.IndexOf((byte)'\n');
        if (end < 0) return null;
        var header = head[..end];
        if (header.StartsWith("\uFEFF"u8)) header = header[Utf8BomLength..];
        if (header.Contains((byte)'"') || header.TrimEnd((byte)'\r').Contains((byte)'\r')) return null;
        return end + 1;
    }

    private static long NextLineStart(SafeFileHandle file, long from, long length)
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

    /// <summary>Counts line feeds in [start, end) and checks for quotes and carriage returns not followed by a line feed.</summary>
    private static (bool Plain, long Lines) Scan(SafeFileHandle file, long start, long end)
    {
        var buffer = new byte[1 << 20];
        long lines = 0;
        var pendingCr = false;
        for (var at = start; at < end;)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (read <= 0) break;
            var block = buffer.AsSpan(0, read);
            if (pendingCr && block[0] != (byte)'\n') return (false, 0);
            pendingCr = false;
            lines += block.Count((byte)'\n');
            var rest = block;
            while (true)
            {
                var i = rest.IndexOfAny((byte)'"', (byte)'\r');
                if (i < 0) break;
                if (rest[i] == (byte)'"') return (false, 0);
                if (i + 1 == rest.Length) pendingCr = true;
                else if (rest[i + 1] != (byte)'\n') return (false, 0);
                rest = rest[(i + 1)..];
            }
            at += read;
        }
        // A carriage return as the very last byte of the file ends the last line, as a line feed would.
        return (true, lines);
    }
}
