using System.Numerics;
using System.Runtime.CompilerServices;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// The summed input cells of one reader: an open-addressing table keyed by (dimension tuple, source
/// slot) whose entries hold the key, the line that first filled the cell (when asked for) and the cell's accumulators
/// side by side, so adding a row touches one place in memory. Linear probing over a power-of-two table
/// kept at most half full. A stored key is the key plus one, so a fresh (zeroed) array is an empty table.
/// </summary>
internal sealed class CellTable
{
    private const long Empty = 0;
    private readonly int _stride; // words per entry: key, first line (if kept), then the accumulators
    private readonly int _first;  // word of the first accumulator within an entry
    private long[] _words;
    private int _mask;

    public CellTable(int width, bool keepsLines, int capacity = 1 << 10)
    {
        Width = width;
        KeepsLines = keepsLines;
        _first = keepsLines ? 2 : 1;
        _stride = _first + width;
        var entries = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _words = new long[entries * _stride];
        _mask = entries - 1;
    }

    public int Width { get; }

    /// <summary>Whether each entry records the line that first filled it (needed only to name repeated keys).</summary>
    public bool KeepsLines { get; }

    public int Count { get; private set; }

    /// <summary>Number of entry positions (filled or not); iterate them with <see cref="IsFilled"/>.</summary>
    public int Capacity => _mask + 1;

    /// <summary>Makes room for <paramref name="cells"/> cells at once, while the table is still empty.</summary>
    public void Reserve(int cells)
    {
        if (Count > 0 || cells * 2 <= Capacity) return;
        var entries = (int)BitOperations.RoundUpToPowerOf2((uint)cells * 2);
        _words = new long[entries * _stride];
        _mask = entries - 1;
    }

    /// <summary>Bits of a cell key that hold the source slot (the tuple id takes the bits above).</summary>
    public const int SlotBits = 16;

    /// <summary>The most source slots a key can hold: an edition has about 530 groups × 9 weight selections, well within.</summary>
    public const int MaxSlots = 1 << SlotBits;

    public static long Key(int tuple, int slot) => ((long)tuple << SlotBits) | (uint)slot;

    public static int TupleOf(long key) => (int)(key >> SlotBits);

    public static int SlotOf(long key) => (int)(key & (MaxSlots - 1));

    /// <summary>
    /// The entry of <paramref name="key"/>, added (with zero accumulators and <paramref name="line"/> as its
    /// first line) when new. An entry number stays valid until the next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public int FindOrAdd(long key, long line, out bool added)
    {
        if (Count * 2 >= Capacity) Grow();
        var words = _words;
        var stored = key + 1;
        var entry = Hash(key) & _mask;
        while (true)
        {
            var k = words[entry * _stride];
            if (k == stored)
            {
                added = false;
                return entry;
            }
            if (k == Empty) break;
            entry = (entry + 1) & _mask;
        }
        words[entry * _stride] = stored;
        if (KeepsLines) words[entry * _stride + 1] = line;
        Count++;
        added = true;
        return entry;
    }

    /// <summary>
    /// Asks the processor to start loading the entry where <paramref name="key"/> would be found, so that
    /// a lookup a few rows later does not wait on memory. Only a hint: it never faults or changes anything.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(long key)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        var words = _words;
        var index = (Hash(key) & _mask) * _stride;
        fixed (long* at = &words[index]) System.Runtime.Intrinsics.X86.Sse.Prefetch0(at);
    }

    public bool IsFilled(int entry) => _words[entry * _stride] != Empty;

    public long KeyAt(int entry) => _words[entry * _stride] - 1;

    public long FirstLine(int entry) => KeepsLines ? _words[entry * _stride + 1] : 0;

    /// <summary>The accumulators of an entry.</summary>
    public Span<double> Accumulators(int entry) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<long, double>(_words.AsSpan(entry * _stride + _first, Width));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref double Accumulator(int entry, int k) => ref Unsafe.As<long, double>(ref _words[entry * _stride + _first + k]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow()
    {
        var old = _words;
        var oldEntries = Capacity;
        _words = new long[oldEntries * 2 * _stride];
        _mask = oldEntries * 2 - 1;
        for (var e = 0; e < oldEntries; e++)
        {
            var stored = old[e * _stride];
            if (stored == Empty) continue;
            var entry = Hash(stored - 1) & _mask;
            while (_words[entry * _stride] != Empty) entry = (entry + 1) & _mask;
            Array.Copy(old, e * _stride, _words, entry * _stride, _stride);
        }
    }
}
