using System.Numerics;
using System.Runtime.CompilerServices;

namespace SocBridge.Apportion.Engine;

/// <summary>
/// Maps non-negative 64-bit keys to dense indexes 0, 1, 2… in order of first sight. Open addressing
/// with linear probing over power-of-two tables; used on the per-row hot path where a general
/// dictionary's hashing and entry layout cost more than the work itself.
/// </summary>
internal sealed class LongIndexMap
{
    private long[] _keys;
    private int[] _values;
    private int _mask;

    public LongIndexMap(int capacity = 1024)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _keys = new long[size];
        _values = new int[size];
        Array.Fill(_keys, -1L);
        _mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>The index of <paramref name="key"/>, adding it with the next index when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(long key, out bool added)
    {
        var slot = Slot(key);
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                added = false;
                return _values[slot];
            }
            if (k == -1) break;
            slot = (slot + 1) & _mask;
        }
        added = true;
        _keys[slot] = key;
        var index = Count++;
        _values[slot] = index;
        if (Count * 2 > _keys.Length) Grow();
        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;

    private void Grow()
    {
        var oldKeys = _keys;
        var oldValues = _values;
        _keys = new long[oldKeys.Length * 2];
        _values = new int[oldKeys.Length * 2];
        Array.Fill(_keys, -1L);
        _mask = _keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] == -1) continue;
            var slot = Slot(oldKeys[i]);
            while (_keys[slot] != -1) slot = (slot + 1) & _mask;
            _keys[slot] = oldKeys[i];
            _values[slot] = oldValues[i];
        }
    }
}
