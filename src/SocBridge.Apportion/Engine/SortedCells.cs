using System.Runtime.CompilerServices;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// The summed cells of every part, copied out of their hash tables into one run ordered by the rank of
/// their dimension tuple (a counting sort; parts in order, so the order is fixed by the parts alone).
/// Sharing out then reads them front to back. Tuples of later parts are imported into the first part's
/// dimension table, which becomes the run's.
/// </summary>
internal sealed class SortedCells
{
    private SortedCells(int count, int width, int ranks, int slots)
    {
        Count = count;
        Slot = new int[count];
        Part = new int[count];
        Accumulators = new double[count * width];
        Starts = new int[ranks + 1];
        TupleByRank = new int[ranks];
        SlotUsed = new bool[slots];
    }

    public int Count { get; }

    /// <summary>Source slot of each cell.</summary>
    public int[] Slot { get; }

    /// <summary>The part each cell came from.</summary>
    public int[] Part { get; }

    /// <summary>Accumulators of each cell, <c>width</c> per cell.</summary>
    public double[] Accumulators { get; }

    /// <summary>Cells of the tuple of rank r are <c>Starts[r] .. Starts[r + 1] − 1</c>.</summary>
    public int[] Starts { get; }

    public int[] TupleByRank { get; }

    public bool[] SlotUsed { get; }

    public static SortedCells Build(IReadOnlyList<SeriesPart> parts, int width, int slots, int? threads)
    {
        var dimensions = parts[0].Dimensions;
        var remaps = parts.Select(p => p.Dimensions == dimensions
            ? null
            : Enumerable.Range(0, p.Dimensions.Count).Select(t => dimensions.Import(p.Dimensions, t)).ToArray()).ToArray();
        var rank = dimensions.TupleRanks();
        var sorted = new SortedCells(parts.Sum(p => p.Cells.Count), width, rank.Length, slots);
        for (var t = 0; t < rank.Length; t++) sorted.TupleByRank[rank[t]] = t;

        // Pass 1: cells per (part, rank), and the slots in use.
        var perPart = new int[parts.Count][];
        var used = new bool[parts.Count][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        Parallel.For(0, parts.Count, parallel, p => (perPart[p], used[p]) = CountCells(parts[p].Cells, remaps[p], rank, slots));
        var next = new int[parts.Count][];
        for (var p = 0; p < parts.Count; p++) next[p] = new int[rank.Length];
        var at = 0;
        for (var r = 0; r < rank.Length; r++)
        {
            sorted.Starts[r] = at;
            for (var p = 0; p < parts.Count; p++)
            {
                next[p][r] = at;
                at += perPart[p][r];
            }
        }
        sorted.Starts[rank.Length] = at;
        for (var s = 0; s < slots; s++)
            for (var p = 0; p < parts.Count; p++) sorted.SlotUsed[s] |= used[p][s];

        // Pass 2: each part copies its cells to their places.
        Parallel.For(0, parts.Count, parallel, p => sorted.Place(parts[p].Cells, p, remaps[p], rank, next[p], width));
        return sorted;
    }

    /// <summary>Cells of one part per tuple rank, and the slots it uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Counts, bool[] SlotUsed) CountCells(CellTable cells, int[]? remap, int[] rank, int slots)
    {
        var counts = new int[rank.Length];
        var slotUsed = new bool[slots];
        for (var e = 0; e < cells.Capacity; e++)
        {
            if (!cells.IsFilled(e)) continue;
            var key = cells.KeyAt(e);
            counts[rank[Global(remap, CellTable.TupleOf(key))]]++;
            slotUsed[CellTable.SlotOf(key)] = true;
        }
        return (counts, slotUsed);
    }

    /// <summary>Copies one part's cells to their places; <paramref name="place"/> holds the next free place per rank.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Place(CellTable cells, int part, int[]? remap, int[] rank, int[] place, int width)
    {
        for (var e = 0; e < cells.Capacity; e++)
        {
            if (!cells.IsFilled(e)) continue;
            var key = cells.KeyAt(e);
            var i = place[rank[Global(remap, CellTable.TupleOf(key))]]++;
            Slot[i] = CellTable.SlotOf(key);
            Part[i] = part;
            cells.Accumulators(e).CopyTo(Accumulators.AsSpan(i * width, width));
        }
    }

    private static int Global(int[]? remap, int tuple) => remap is null ? tuple : remap[tuple];

    private const int MinChunkCells = 1 << 14;
    private const int ChunksPerRun = 64;

    /// <summary>Ranges of tuple ranks with about the same number of cells; fixed by the data alone.</summary>
    public List<(int From, int To)> Chunks()
    {
        // Chunks of at least MinChunkCells cells (so a chunk's scratch arrays pay for themselves) and about
        // ChunksPerRun of them in a large run (enough to balance the cores whatever their number).
        var target = Math.Max(MinChunkCells, Count / ChunksPerRun);
        var chunks = new List<(int, int)>();
        var ranks = TupleByRank.Length;
        var from = 0;
        for (var r = 1; r <= ranks; r++)
        {
            if (Starts[r] - Starts[from] < target && r < ranks) continue;
            chunks.Add((from, r));
            from = r;
        }
        return chunks;
    }
}

/// <summary>A set of small non-negative integers, cleared cheaply and read back in increasing order.</summary>
internal sealed class StampedSet(int capacity)
{
    private readonly ulong[] _bits = new ulong[(capacity + 63) / 64];
    private int _low = int.MaxValue, _high = -1;

    public void Add(int value)
    {
        var word = value >> 6;
        _bits[word] |= 1UL << value;
        if (word < _low) _low = word;
        if (word > _high) _high = word;
    }

    public void Clear()
    {
        if (_high >= 0) Array.Clear(_bits, _low, _high - _low + 1);
        _low = int.MaxValue;
        _high = -1;
    }

    /// <summary>Fills <paramref name="into"/> with the members in increasing order.</summary>
    public void InOrder(List<int> into)
    {
        into.Clear();
        for (var w = _low; w <= _high; w++)
        {
            var bits = _bits[w];
            while (bits != 0)
            {
                into.Add(w * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits));
                bits &= bits - 1;
            }
        }
    }
}
