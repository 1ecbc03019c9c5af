using System.Runtime.CompilerServices;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// Interns dimension values to small integers and each combination of them to a dimension-tuple id,
/// so aggregation hashes integers rather than tuples of strings.
/// </summary>
public sealed class DimensionTable
{
    private readonly Dictionary<string, int>[] _valueIds;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] _valueLookups;
    private readonly List<string>[] _values;
    private readonly (string? Text, int Id)[] _last;
    private readonly LongIndexMap _packed = new();
    private readonly List<int> _packedTuples = [];
    private readonly Dictionary<string, int> _joined = new(StringComparer.Ordinal);
    private readonly List<int[]> _tuples = [];

    /// <summary>An empty table for these dimension columns.</summary>
    public DimensionTable(IReadOnlyList<string> columns)
    {
        Columns = columns;
        _valueIds = columns.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        _values = columns.Select(_ => new List<string>()).ToArray();
        _valueLookups = _valueIds.Select(d => d.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        _last = new (string?, int)[columns.Count];
    }

    /// <summary>The dimension columns.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of tuples interned so far.</summary>
    public int Count => _tuples.Count;

    /// <summary>The id of <paramref name="value"/> in dimension <paramref name="column"/>, added when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int ValueId(int column, ReadOnlySpan<char> value)
    {
        // Sorted input repeats the previous row's value; that needs no hashing.
        var (lastText, lastId) = _last[column];
        if (lastText is not null && value.SequenceEqual(lastText)) return lastId;
        var id = LookUp(column, value);
        _last[column] = (_values[column][id], id);
        return id;
    }

    private int LookUp(int column, ReadOnlySpan<char> value)
    {
        if (_valueLookups[column].TryGetValue(value, out var id)) return id;
        var text = value.ToString();
        id = _values[column].Count;
        _values[column].Add(text);
        _valueIds[column].Add(text, id);
        return id;
    }

    /// <summary>The id of <paramref name="value"/> in dimension <paramref name="column"/>, added when new.</summary>
    public int ValueId(int column, string value) => ValueId(column, value.AsSpan());

    /// <summary>The id of a combination of value ids (one per dimension column).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int TupleId(ReadOnlySpan<int> valueIds)
    {
        if (valueIds.Length <= 4 && AllBelow(valueIds, 1 << 15))
        {
            // Up to four ids of 15 bits pack into one non-negative 64-bit key.
            long key = 0;
            foreach (var v in valueIds) key = (key << 15) | (uint)v;
            var index = _packed.GetOrAdd(key, out var added);
            if (added) _packedTuples.Add(Add(valueIds));
            return _packedTuples[index];
        }
        var joined = string.Join(',', valueIds.ToArray());
        if (_joined.TryGetValue(joined, out var jid)) return jid;
        jid = Add(valueIds);
        _joined.Add(joined, jid);
        return jid;
    }

    /// <summary>The text of value <paramref name="valueId"/> of dimension <paramref name="column"/>.</summary>
    public string Value(int column, int valueId) => _values[column][valueId];

    /// <summary>The value of one column in a tuple.</summary>
    public string TupleValue(int tupleId, int column) => _values[column][_tuples[tupleId][column]];

    /// <summary>The values of tuple <paramref name="tupleId"/>, one per column.</summary>
    public IEnumerable<string> Tuple(int tupleId)
    {
        var ids = _tuples[tupleId];
        for (var c = 0; c < ids.Length; c++) yield return _values[c][ids[c]];
    }

    /// <summary>The id in this table of tuple <paramref name="tupleId"/> of <paramref name="other"/> (added when new).</summary>
    public int Import(DimensionTable other, int tupleId)
    {
        var ids = other._tuples[tupleId];
        Span<int> local = ids.Length <= 16 ? stackalloc int[ids.Length] : new int[ids.Length];
        for (var c = 0; c < ids.Length; c++) local[c] = ValueId(c, other._values[c][ids[c]]);
        return TupleId(local);
    }

    /// <summary>
    /// The rank of every tuple when tuples are ordered by their values, column by column (ordinal): the
    /// values of each column are ranked once, so tuples compare as integers.
    /// </summary>
    public int[] TupleRanks()
    {
        var valueRanks = _values.Select(column =>
        {
            var order = Enumerable.Range(0, column.Count).ToArray();
            Array.Sort(order, (a, b) => string.CompareOrdinal(column[a], column[b]));
            var rank = new int[order.Length];
            for (var r = 0; r < order.Length; r++) rank[order[r]] = r;
            return rank;
        }).ToArray();
        var tuples = Enumerable.Range(0, _tuples.Count).ToArray();
        Array.Sort(tuples, (a, b) =>
        {
            var x = _tuples[a];
            var y = _tuples[b];
            for (var c = 0; c < x.Length; c++)
            {
                var r = valueRanks[c][x[c]].CompareTo(valueRanks[c][y[c]]);
                if (r != 0) return r;
            }
            return 0;
        });
        var ranks = new int[tuples.Length];
        for (var r = 0; r < tuples.Length; r++) ranks[tuples[r]] = r;
        return ranks;
    }

    /// <summary>Tuples <paramref name="a"/> and <paramref name="b"/> compared by their values, column by column (ordinal), as <see cref="TupleRanks"/> orders them.</summary>
    internal int CompareTuples(int a, int b)
    {
        var x = _tuples[a];
        var y = _tuples[b];
        for (var c = 0; c < x.Length; c++)
        {
            var r = string.CompareOrdinal(_values[c][x[c]], _values[c][y[c]]);
            if (r != 0) return r;
        }
        return 0;
    }

    private int Add(ReadOnlySpan<int> valueIds)
    {
        // The packed and joined keys can never collide, since a tuple takes one path or the other by its values.
        _tuples.Add(valueIds.ToArray());
        return _tuples.Count - 1;
    }

    private static bool AllBelow(ReadOnlySpan<int> values, int limit)
    {
        foreach (var v in values) if (v >= limit) return false;
        return true;
    }
}

/// <summary>
/// The dimension tuples of a result, read only: the values of each tuple an output row names. (The table the
/// engine interns rows with adds entries as it is asked; a result never changes.)
/// </summary>
public sealed class DimensionTuples
{
    internal DimensionTuples(DimensionTable table) => Table = table;

    internal DimensionTable Table { get; }

    /// <summary>The dimension columns, in output order.</summary>
    public IReadOnlyList<string> Columns => Table.Columns;

    /// <summary>The number of tuples.</summary>
    public int Count => Table.Count;

    /// <summary>The values of tuple <paramref name="tupleId"/>, one per column.</summary>
    public IEnumerable<string> Tuple(int tupleId) => Table.Tuple(tupleId);

    /// <summary>The value of column <paramref name="column"/> in tuple <paramref name="tupleId"/>.</summary>
    public string TupleValue(int tupleId, int column) => Table.TupleValue(tupleId, column);
}
