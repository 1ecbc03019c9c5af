using Microsoft.Win32.SafeHandles;
using SocBridge.Apportion.Engine;
using SocBridge.Core.Files;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Io;

/// <summary>What a streamed run produced: the run's totals (no rows in memory), its rejects and what it wrote.</summary>
internal sealed record GroupedOutcome(ApportionResult Result, RejectsFile[] Rejects, long OutputRows, int Windows, bool Reordered, RunTimings Timings, FileDigest? Digest);

/// <summary>
/// Streams a CSV series that arrives grouped by its dimensions (every row of a dimension tuple next to the
/// others, in any order of tuples, as most series files are): the file is read a window of lines at a time,
/// each window cut where the dimension tuple changes, summed and shared out on all cores like a whole file,
/// and its rows written while the next windows are read, so memory follows the windows, not the file.
/// <para>
/// Nothing is assumed: a tuple met in two windows (the file is not grouped), a repeated cell across slices,
/// quoted fields or a tuple longer than several windows make <see cref="TryRun"/> give up, and the caller
/// reads the file whole. The output is the whole-file run's, byte for byte: a window's rows are those of its
/// tuples, which no other window has. Tuples that arrive out of output order (by dimension values) within two
/// windows are written in order, a window's rows waiting for the next window's tuples; when they are further
/// apart, the written tuples are put in order at the end with one copy of the output.
/// </para>
/// </summary>
internal static class GroupedRun
{
    /// <summary>Bytes of input per window: about 1.7 million short rows, a few hundred MiB of working memory at most.</summary>
    public const long DefaultWindowBytes = 48L << 20;

    /// <summary>
    /// The first window is small: a file that is not grouped usually shows it within its first rows, and is then
    /// read whole having cost only this much.
    /// </summary>
    private const long FirstWindowBytes = 1L << 20;

    /// <summary>A tuple running on for more than this many windows stops the streaming: it would gain nothing.</summary>
    private const int LongestTupleInWindows = 4;

    /// <summary>
    /// Rows of a Parquet window: about as many as a CSV window holds lines of a 5-dimension series (a window is
    /// counted in rows there, since a Parquet file's bytes say little about its rows).
    /// </summary>
    private const long BytesPerParquetRow = 40;

    /// <summary>
    /// Whether a run may stream: a plain CSV file larger than a window, or a Parquet file of more rows than a
    /// window, with nothing that needs every cell at once.
    /// </summary>
    public static bool Applies(SeriesFileRequest request, InputFile input, SeriesLayout layout, long windowBytes) =>
        !request.WholeFile && request.Slices is null
        && request.Calibration is null && request.AuditPath is null && !request.Options.Audit && request.ReportPath is null
        && layout.DimensionOrdinals.Length > 0
        && input.Kind switch
        {
            InputKind.Csv => request.Dialect.IsDefault && !request.GeneralReader && new FileInfo(request.InputPath).Length > windowBytes + windowBytes / 2,
            InputKind.Parquet => ParquetTableReader.GroupRows(request.InputPath).Sum() is var rows && rows > ParquetWindows.Rows(windowBytes) * 3 / 2,
            _ => false,
        };

    /// <summary>
    /// Runs <paramref name="request"/> window by window into <paramref name="outputPath"/> (a staged file that
    /// becomes <paramref name="finalOutput"/>), or returns null when the input turns out not to allow it; the
    /// staged file is then rewritten by the whole-file run, and no rejects file is left behind.
    /// <para>
    /// A Parquet output is written as the windows' rows come, in row groups of the same size as a whole run's; it
    /// cannot be put in order afterwards as a CSV output is, so a run whose tuples come further out of order than
    /// two windows is read whole instead.
    /// </para>
    /// </summary>
    public static GroupedOutcome? TryRun(SocRelease release, SeriesFileRequest request, SeriesLayout layout, string outputPath, string finalOutput,
        OutputStyle style, long windowBytes, Action<double>? progress, out string? reason)
    {
        reason = null;
        var options = request.Options;
        var threads = Math.Max(1, options.Threads ?? Environment.ProcessorCount);
        using IWindowSource? source = InputFormat.ByExtension(request.InputPath) == InputKind.Parquet
            ? new ParquetWindows(release, request, layout, windowBytes, threads, progress)
            : CsvWindows.Open(release, request, layout, windowBytes, threads, progress, out reason);
        if (source is null) return null;
        var parquetOutput = SeriesParquet.IsParquet(request.OutputPath);
        var order = new DimensionTable(layout.DimensionNames);
        var spans = new TupleSpans();
        var summary = new WindowSummary();
        var rejects = new List<RejectsFile>();
        var reading = TimeSpan.Zero;
        var sharing = TimeSpan.Zero;
        var writing = TimeSpan.Zero;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var finished = false;
        try
        {
            long headerBytes = 0;
            var windows = 0;
            FileDigest? writtenDigest = null;
            using (var file = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var output = new HashingStream(file))
            {
                var parquet = parquetOutput ? new ParquetSeriesWriter(output, layout.DimensionNames, options, style) : null;
                // A window's rows wait until the next window is shared out: those of its tuples that sort before every
                // tuple of the next are written then, in output order, the rest with the next window's (tuples out of
                // order within two windows, as when regions arrive E, W, S, N, cost no copy). The output is hashed as it
                // is written for as long as its tuples come in output order; once one does not, the file is put in
                // order with one copy at the end, which hashes it instead.
                var held = new List<HeldRows>();
                var inOrder = true;
                var lastTuple = -1;
                // A window's rows are written while the next window is read and shared out, so the cores do not wait
                // on the serial parts of either; at most two windows are held.
                var written = Task.CompletedTask;
                void Write(ApportionResult? header, List<RowSegment> segments)
                {
                    if (parquet is null) SeriesCsv.WriteSegments(output, header, segments, options, style, spans.Add);
                    else foreach (var segment in segments) parquet.Append(segment.Rows.Result, segment.From, segment.To);
                }
                try
                {
                    while (source.HasMore)
                    {
                        var at = clock.Elapsed;
                        if (source.Next(rejects, out var lines, out reason) is not { } engine) return null;
                        reading += clock.Elapsed - at;
                        if (!engine.RowsCameGrouped)
                        {
                            reason = $"a dimension tuple of {lines} comes back after other tuples (the file is not grouped by its dimensions)";
                            return null;
                        }

                        at = clock.Elapsed;
                        ApportionResult result;
                        try
                        {
                            result = engine.Finish();
                        }
                        catch (DuplicateAcrossPartsException)
                        {
                            reason = $"a cell is repeated within {lines}, so its later rows are rejected one by one in a single pass";
                            return null;
                        }
                        var global = new int[result.Dimensions.Count];
                        for (var t = 0; t < global.Length; t++)
                        {
                            var known = order.Count;
                            global[t] = order.Import(result.Dimensions.Table, t);
                            if (order.Count == known)
                            {
                                reason = $"the rows of dimensions ({string.Join(", ", result.Dimensions.Tuple(t))}) are not all together (the file is not grouped by its dimensions)";
                                return null;
                            }
                        }
                        if (!SeriesFileRunner.AllFinite(result))
                            throw new SeriesRunException(SeriesRunFailure.NotFinite, $"{request.ShownInput}: a translated value or total is too large to represent; no output was written");
                        summary.Add(result);
                        sharing += clock.Elapsed - at;

                        var arrived = new HeldRows(result, global);
                        var segments = new List<RowSegment>();
                        if (arrived.Runs.Count > 0) Release(held, order, arrived.Runs[0].Tuple, segments, ref lastTuple, ref inOrder);
                        // At most two windows' rows wait: an older one's go as they are (the file will then need the copy).
                        if (held.Count == 2) Release([held[0]], order, null, segments, ref lastTuple, ref inOrder);
                        held.RemoveAll(h => h.Done);
                        held.Add(arrived);
                        if (!inOrder && parquet is not null)
                        {
                            reason = "the dimension tuples come further out of output order than two windows, and a Parquet output cannot be put in order afterwards";
                            return null;
                        }

                        at = clock.Elapsed;
                        written.GetAwaiter().GetResult(); // the previous window's rows come first
                        if (!inOrder) output.Abandon();
                        // The previous window's tables are garbage now; collecting them here keeps the process at two windows'
                        // memory (left to itself the collector lets large arrays of several windows pile up before it runs).
                        engine = null!;
                        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
                        writing += clock.Elapsed - at;
                        var header = windows == 0 ? result : null;
                        written = Task.Run(() => Write(header, segments));
                        windows++;
                    }
                    var last = clock.Elapsed;
                    var rest = new List<RowSegment>();
                    Release(held, order, null, rest, ref lastTuple, ref inOrder);
                    written.GetAwaiter().GetResult();
                    if (!inOrder && parquet is not null)
                    {
                        reason = "the dimension tuples come further out of output order than two windows, and a Parquet output cannot be put in order afterwards";
                        return null;
                    }
                    if (!inOrder) output.Abandon();
                    Write(null, rest);
                    parquet?.Finish();
                    writing += clock.Elapsed - last;
                }
                finally
                {
                    // A run that stops early lets the write under way finish before the file is closed.
                    if (!written.IsCompleted) ((IAsyncResult)written).AsyncWaitHandle.WaitOne();
                }
                if (parquet is null) headerBytes = output.Position - spans.Bytes;
                writtenDigest = output.Digest();
            }
            var before = clock.Elapsed;
            FileDigest? orderedDigest = null;
            var reordered = parquetOutput ? false : spans.PutInOrder(outputPath, finalOutput, headerBytes, order.TupleRanks(), out orderedDigest);
            writing += clock.Elapsed - before;
            progress?.Invoke(1);
            finished = true;
            return new GroupedOutcome(summary.ToResult(order), [.. rejects], summary.OutputRows, windows, reordered, new RunTimings(reading, sharing, writing), reordered ? orderedDigest : writtenDigest);
        }
        finally
        {
            if (!finished) RejectsFile.Delete(rejects);
        }
    }

    /// <summary>The windows of an input, each read into an engine of its own.</summary>
    private interface IWindowSource : IDisposable
    {
        /// <summary>Whether rows remain.</summary>
        bool HasMore { get; }

        /// <summary>
        /// Reads the next window into a new engine, its rejects files added to <paramref name="rejects"/>, with the lines
        /// it holds for messages; null with the <paramref name="reason"/> when the window cannot be cut or read this way.
        /// </summary>
        Apportioner? Next(List<RejectsFile> rejects, out string lines, out string? reason);
    }

    /// <summary>The windows of a CSV file: a window of bytes cut where the dimension tuple changes, read in slices on all cores.</summary>
    private sealed class CsvWindows : IWindowSource
    {
        private readonly SocRelease _release;
        private readonly SeriesFileRequest _request;
        private readonly SeriesLayout _layout;
        private readonly long _windowBytes;
        private readonly int _threads;
        private readonly SafeFileHandle _handle;
        private readonly long _length;
        private readonly Action<long>? _report;
        private long _start;
        private long _line = 2;
        private int _windows;

        private CsvWindows(SocRelease release, SeriesFileRequest request, SeriesLayout layout, long windowBytes, int threads, SafeFileHandle handle, long length, long start, Action<double>? progress)
        {
            _release = release;
            _request = request;
            _layout = layout;
            _windowBytes = windowBytes;
            _threads = threads;
            _handle = handle;
            _length = length;
            _start = start;
            _report = ByteProgress.For(progress, length);
        }

        /// <summary>The windows of the request's input, or null with the reason when its header holds a quoted field.</summary>
        public static CsvWindows? Open(SocRelease release, SeriesFileRequest request, SeriesLayout layout, long windowBytes, int threads, Action<double>? progress, out string? reason)
        {
            reason = null;
            var handle = File.OpenHandle(request.InputPath);
            var length = RandomAccess.GetLength(handle);
            if (FileSlices.DataStart(handle, length) is not { } dataStart || dataStart >= length)
            {
                handle.Dispose();
                reason = "the header holds a quoted field";
                return null;
            }
            return new CsvWindows(release, request, layout, windowBytes, threads, handle, length, dataStart, progress);
        }

        public bool HasMore => _start < _length;

        public Apportioner? Next(List<RejectsFile> rejects, out string lines, out string? reason)
        {
            lines = "";
            reason = null;
            var size = _windows == 0 ? Math.Min(_windowBytes, FirstWindowBytes) : _windowBytes;
            if (WindowEnd(_handle, _start, _length, size, _windowBytes * LongestTupleInWindows, _layout) is not { } end)
            {
                reason = $"the dimension tuple at about byte {_start + _windowBytes:N0} runs on for more than {LongestTupleInWindows} windows";
                return null;
            }
            if (FileSlices.Plan(_handle, _threads, _start, end, _line) is not { Quoted: false } plan)
            {
                reason = $"lines {_line:N0} onwards hold quoted fields or line breaks that need the general reader";
                return null;
            }
            var engine = new Apportioner(_release, _request.Options, _layout.DimensionNames);
            rejects.AddRange(SeriesFileRunner.ReadSlices(_handle, plan, _request, _layout, engine, rejects.Count, _report));
            lines = $"lines {_line:N0}–{_line + plan.Lines - 1:N0}";
            _start = end;
            _line += plan.Lines;
            _windows++;
            return engine;
        }

        public void Dispose() => _handle.Dispose();
    }

    /// <summary>
    /// The windows of a Parquet file: a window of rows cut where the dimension tuple changes, read in as many runs
    /// of rows as there are cores, each run's ends put at row group boundaries where the window allows, so few groups
    /// are decoded twice.
    /// </summary>
    private sealed class ParquetWindows : IWindowSource
    {
        private readonly SocRelease _release;
        private readonly SeriesFileRequest _request;
        private readonly SeriesLayout _layout;
        private readonly long _windowRows;
        private readonly int _threads;
        private readonly Action<double>? _progress;
        private readonly long[] _groupStarts;
        private readonly long _rows;
        private long _start;
        private int _windows;

        public ParquetWindows(SocRelease release, SeriesFileRequest request, SeriesLayout layout, long windowBytes, int threads, Action<double>? progress)
        {
            _release = release;
            _request = request;
            _layout = layout;
            _windowRows = Rows(windowBytes);
            _threads = threads;
            _progress = progress;
            var groups = ParquetTableReader.GroupRows(request.InputPath);
            _groupStarts = new long[groups.Length + 1];
            for (var g = 0; g < groups.Length; g++) _groupStarts[g + 1] = _groupStarts[g] + groups[g];
            _rows = _groupStarts[^1];
        }

        /// <summary>The rows of a window of <paramref name="windowBytes"/>.</summary>
        public static long Rows(long windowBytes) => Math.Max(1, windowBytes / BytesPerParquetRow);

        public bool HasMore => _start < _rows;

        public Apportioner? Next(List<RejectsFile> rejects, out string lines, out string? reason)
        {
            lines = "";
            reason = null;
            var size = _windows == 0 ? Math.Min(_windowRows, Rows(FirstWindowBytes)) : _windowRows;
            if (WindowEnd(size) is not { } end)
            {
                reason = $"the dimension tuple at about row {_start + size:N0} runs on for more than {LongestTupleInWindows} windows";
                return null;
            }
            var bounds = new List<long> { _start };
            for (var k = 1; k < _threads; k++)
            {
                var target = _start + (end - _start) * k / _threads;
                // The group boundary nearest the even share, when it falls inside this run.
                var nearest = _groupStarts.MinBy(b => Math.Abs(b - target));
                var cut = nearest > bounds[^1] && nearest < end ? nearest : target;
                if (cut > bounds[^1] && cut < end) bounds.Add(cut);
            }
            bounds.Add(end);
            var count = bounds.Count - 1;
            var engine = new Apportioner(_release, _request.Options, _layout.DimensionNames);
            var parts = Enumerable.Range(0, count).Select(k => k == 0 ? engine.MainPart : engine.NewPart()).ToArray();
            var partRejects = Enumerable.Range(0, count).Select(k => RejectsFile.For(_request.Files.Rejects, rejects.Count + k, _layout.Header)).ToArray();
            SeriesFileRunner.ReadInParallel(count, partRejects, k =>
            {
                using var table = ParquetTableReader.OpenRows(_request.InputPath, bounds[k], bounds[k + 1]);
                new ParquetRowReader(_layout, parts[k], partRejects[k]).Read(table, _request.Options, null);
            });
            rejects.AddRange(partRejects);
            lines = $"lines {_start + 2:N0}–{end + 1:N0}";
            _start = end;
            _windows++;
            _progress?.Invoke((double)end / _rows);
            return engine;
        }

        /// <summary>
        /// Where the window that starts at row <see cref="_start"/> ends: the first row at or after <see cref="_start"/> +
        /// <paramref name="size"/> whose dimension tuple differs from the row before it; the end of the file when that
        /// is nearer; null when one tuple runs on too long.
        /// </summary>
        private long? WindowEnd(long size)
        {
            if (_rows - _start <= size + size / 2) return _rows;
            var cut = _start + size;
            using var table = ParquetTableReader.OpenRows(_request.InputPath, cut - 1, _rows);
            var dims = _layout.DimensionOrdinals;
            string[]? previous = null;
            for (var row = cut - 1; table.Read(); row++)
            {
                var key = dims.Select(o => table.Field(o).ToString()).ToArray();
                if (previous is not null && !key.AsSpan().SequenceEqual(previous)) return row;
                previous = key;
                if (row - cut > _windowRows * LongestTupleInWindows) return null;
            }
            return _rows;
        }

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// Moves the rows still held in <paramref name="held"/> whose tuples sort before <paramref name="before"/> (all of
    /// them when null) to <paramref name="segments"/>, merged in output order, as stretches of consecutive rows; notes in
    /// <paramref name="inOrder"/> whether every tuple so far follows <paramref name="lastTuple"/>, the last one written.
    /// </summary>
    private static void Release(List<HeldRows> held, DimensionTable order, int? before, List<RowSegment> segments, ref int lastTuple, ref bool inOrder)
    {
        while (true)
        {
            HeldRows? next = null;
            foreach (var h in held)
                if (!h.Done && (next is null || order.CompareTuples(h.Runs[h.Next].Tuple, next.Runs[next.Next].Tuple) < 0)) next = h;
            if (next is null) return;
            var (tuple, from, to) = next.Runs[next.Next];
            if (before is { } limit && order.CompareTuples(tuple, limit) >= 0) return;
            next.Next++;
            if (lastTuple >= 0 && order.CompareTuples(lastTuple, tuple) >= 0) inOrder = false;
            lastTuple = tuple;
            if (segments.Count > 0 && segments[^1] is var previous && previous.Rows == next && previous.To == from) segments[^1] = previous with { To = to };
            else segments.Add(new RowSegment(next, from, to));
        }
    }

    /// <summary>
    /// Where the window that starts at <paramref name="start"/> ends: the first line start at or after
    /// <paramref name="start"/> + <paramref name="windowBytes"/> whose dimension tuple differs from the line
    /// before it; the end of the file when that is nearer; null when one tuple runs on too long.
    /// </summary>
    private static long? WindowEnd(SafeFileHandle file, long start, long length, long windowBytes, long longestTuple, SeriesLayout layout)
    {
        if (length - start <= windowBytes + windowBytes / 2) return length;
        var cut = FileSlices.NextLineStart(file, start + windowBytes - 1, length);
        var buffer = new byte[1 << 16];
        byte[]? previous = null;
        var lineStart = cut; // the file offset of buffer[0], always a line start
        var filled = 0;
        var at = cut; // the file offset of buffer[filled]
        while (true)
        {
            var read = at < length ? RandomAccess.Read(file, buffer.AsSpan(filled), at) : 0;
            at += read;
            filled += read;
            var offset = 0;
            while (buffer.AsSpan(offset, filled - offset).IndexOf((byte)'\n') is var nl and >= 0)
            {
                var key = TupleKey(buffer.AsSpan(offset, nl), layout.DimensionOrdinals);
                if (previous is not null && !key.AsSpan().SequenceEqual(previous)) return lineStart;
                previous = key;
                offset += nl + 1;
                lineStart += nl + 1;
                if (lineStart - cut > longestTuple) return null;
            }
            if (read == 0) return length; // the window runs on to the end of the file
            filled -= offset;
            buffer.AsSpan(offset, filled).CopyTo(buffer);
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    /// <summary>The bytes of a line's dimension fields (comma-separated, unquoted), joined by a unit separator.</summary>
    private static byte[] TupleKey(ReadOnlySpan<byte> line, int[] ordinals)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        var key = new List<byte>(64);
        foreach (var o in ordinals)
        {
            var rest = line;
            for (var f = 0; f < o && !rest.IsEmpty; f++)
            {
                var comma = rest.IndexOf((byte)',');
                rest = comma < 0 ? [] : rest[(comma + 1)..];
            }
            var end = rest.IndexOf((byte)',');
            key.AddRange(end < 0 ? rest : rest[..end]);
            key.Add(0x1F);
        }
        return [.. key];
    }
}

/// <summary>
/// The bytes written for each dimension tuple, in the order written. When the tuples were not written in
/// output order (by the ranks of their values), <see cref="PutInOrder"/> copies them into it.
/// </summary>
internal sealed class TupleSpans
{
    private readonly List<int> _tuples = [];
    private readonly List<long> _bytes = [];

    /// <summary>All bytes recorded.</summary>
    public long Bytes { get; private set; }

    /// <summary>Records <paramref name="bytes"/> more written for <paramref name="tuple"/> (joined to the last span when it is the same tuple).</summary>
    public void Add(int tuple, long bytes)
    {
        Bytes += bytes;
        if (_tuples.Count > 0 && _tuples[^1] == tuple) _bytes[^1] += bytes;
        else
        {
            _tuples.Add(tuple);
            _bytes.Add(bytes);
        }
    }

    /// <summary>
    /// Leaves <paramref name="path"/> as it is when its tuples are in rank order and returns false; otherwise
    /// rewrites it with the header and then the tuples in rank order (through a temporary file beside
    /// <paramref name="final"/>, moved over <paramref name="path"/>), hashing the new file as it is written on a
    /// second thread, and returns true with its <paramref name="digest"/>.
    /// </summary>
    public bool PutInOrder(string path, string final, long headerBytes, int[] rank, out FileDigest? digest)
    {
        digest = null;
        var inOrder = true;
        for (var i = 1; i < _tuples.Count && inOrder; i++) inOrder = rank[_tuples[i]] > rank[_tuples[i - 1]];
        if (inOrder) return false;
        var offsets = new long[_tuples.Count];
        var at = headerBytes;
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = at;
            at += _bytes[i];
        }
        var sorted = Enumerable.Range(0, _tuples.Count).ToArray();
        Array.Sort(sorted, (a, b) => rank[_tuples[a]].CompareTo(rank[_tuples[b]]));
        var temp = StagedFiles.TempFor(final, "tmp");
        try
        {
            using (var from = File.OpenHandle(path))
            using (var into = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, at))
            using (var copy = new HashedCopy(into))
            {
                copy.Append(from, 0, headerBytes);
                foreach (var i in sorted) copy.Append(from, offsets[i], _bytes[i]);
                digest = copy.Finish();
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return true;
    }
}

/// <summary>
/// Copies ranges of one file to the end of another through a few 1 MiB buffers, each written whole, while a second
/// thread hashes the buffers already written: the copy and the SHA-256 of the new file take about the time of the
/// longer of the two instead of both.
/// </summary>
internal sealed class HashedCopy : IDisposable
{
    private const int BufferBytes = 1 << 20;
    private readonly SafeFileHandle _into;
    private readonly System.Collections.Concurrent.BlockingCollection<(byte[] Buffer, int Count)> _toHash = new(boundedCapacity: 4);
    private readonly System.Collections.Concurrent.BlockingCollection<byte[]> _free = [];
    private readonly System.Security.Cryptography.IncrementalHash _hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
    private readonly Task _hashing;
    private readonly CancellationTokenSource _hashingFailed = new();
    private byte[] _buffer;
    private int _filled;
    private long _written;

    public HashedCopy(SafeFileHandle into)
    {
        _into = into;
        for (var i = 0; i < 5; i++) _free.Add(new byte[BufferBytes]);
        _buffer = _free.Take();
        _hashing = Task.Factory.StartNew(() =>
        {
            foreach (var (buffer, count) in _toHash.GetConsumingEnumerable())
            {
                _hash.AppendData(buffer, 0, count);
                _free.Add(buffer);
            }
        }, TaskCreationOptions.LongRunning);
        // A hashing thread that fails must not leave the copy waiting on a full queue or for a free buffer.
        _hashing.ContinueWith(_ => _hashingFailed.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Appends <paramref name="count"/> bytes of <paramref name="from"/> at <paramref name="offset"/>.</summary>
    public void Append(SafeFileHandle from, long offset, long count)
    {
        while (count > 0)
        {
            var read = RandomAccess.Read(from, _buffer.AsSpan(_filled, (int)Math.Min(BufferBytes - _filled, count)), offset);
            if (read <= 0) throw new IOException("the output being put in order is shorter than what was written to it");
            _filled += read;
            offset += read;
            count -= read;
            if (_filled == BufferBytes) Pass();
        }
    }

    /// <summary>Writes what is left, waits for the hash and returns the digest of everything appended.</summary>
    public FileDigest Finish()
    {
        if (_filled > 0) Pass();
        _toHash.CompleteAdding();
        _hashing.GetAwaiter().GetResult();
        return new FileDigest(Convert.ToHexStringLower(_hash.GetCurrentHash()), _written);
    }

    private void Pass()
    {
        RandomAccess.Write(_into, _buffer.AsSpan(0, _filled), _written);
        _written += _filled;
        try
        {
            _toHash.Add((_buffer, _filled), _hashingFailed.Token);
            _buffer = _free.Take(_hashingFailed.Token);
        }
        catch (OperationCanceledException) when (_hashing.IsFaulted)
        {
            _hashing.GetAwaiter().GetResult();
            throw;
        }
        _filled = 0;
    }

    public void Dispose()
    {
        // A copy that failed part way lets the hashing thread finish before the buffers and the hash go.
        if (!_toHash.IsAddingCompleted) _toHash.CompleteAdding();
        ((IAsyncResult)_hashing).AsyncWaitHandle.WaitOne();
        _hash.Dispose();
        _toHash.Dispose();
        _free.Dispose();
        _hashingFailed.Dispose();
    }
}
