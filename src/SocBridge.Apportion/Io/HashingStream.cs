using System.Security.Cryptography;

namespace SocBridge.Apportion.Io;

/// <summary>The SHA-256 (lower-case hex) and length of a written file, as its metadata records them.</summary>
internal readonly record struct FileDigest(string Sha256, long Bytes);

/// <summary>
/// A write-only stream that passes every byte on to <paramref name="inner"/> and hashes it on the way, so a file's
/// SHA-256 is known when its last byte is written instead of being read back afterwards. Hashing can be given up
/// (<see cref="Abandon"/>) when the file is going to be rewritten anyway.
/// </summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private IncrementalHash? _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _written;

    /// <summary>Stops hashing: <see cref="Digest"/> will be null.</summary>
    public void Abandon()
    {
        _hash?.Dispose();
        _hash = null;
    }

    /// <summary>The SHA-256 and length of everything written, or null when hashing was given up.</summary>
    public FileDigest? Digest() => _hash is null ? null : new FileDigest(Convert.ToHexStringLower(_hash.GetCurrentHash()), _written);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        _hash?.AppendData(buffer);
        _written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    // Writers that write asynchronously (Parquet.Net does) write through here at once, not through a task per call.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        inner.Flush();
        return Task.CompletedTask;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash?.Dispose();
        _hash = null;
        base.Dispose(disposing);
    }
}
