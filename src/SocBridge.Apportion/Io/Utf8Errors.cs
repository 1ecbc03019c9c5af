using System.Text;

namespace SocBridge.Apportion.Io;

/// <summary>Reports input that is not UTF-8 by the first line holding such bytes, whichever reader found them.</summary>
internal static class Utf8Errors
{
    /// <summary>The error for bytes that are not UTF-8, naming the first line that holds them.</summary>
    public static InvalidDataException NotUtf8(string file, DecoderFallbackException e) =>
        new($"{file}: line {FirstLineNotUtf8(file)}: the file is not valid UTF-8 ({e.Message}); if it was saved by Excel or another " +
            "Windows program, read it with the encoding option set to windows-1252 (or latin1)", e);

    private static long FirstLineNotUtf8(string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[1 << 20];
        var carried = 0;
        var line = 1L;
        while (true)
        {
            var read = stream.Read(buffer, carried, buffer.Length - carried);
            var block = buffer.AsSpan(0, carried + read);
            var end = read == 0 ? block.Length : block.LastIndexOf((byte)'\n') + 1;
            if (end == 0 && carried + read == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
                carried = block.Length;
                continue;
            }
            foreach (var range in block[..end].Split((byte)'\n'))
            {
                if (!System.Text.Unicode.Utf8.IsValid(block[..end][range])) return line;
                line++;
            }
            if (read == 0) return line;
            block[end..].CopyTo(buffer);
            carried = block.Length - end;
            line--; // the split counted the empty piece after the block's last line feed
        }
    }
}
