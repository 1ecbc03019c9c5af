using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SocBridge.Apportion.Io;

/// <summary>
/// Writes a double as UTF-8 in exactly the text of <c>value.ToString("R", CultureInfo.InvariantCulture)</c>: the
/// shortest digits that read back as the same double (the one nearest the exact value when several are as short),
/// in positional form unless the decimal point falls more than 17 places to the right of the first digit or more than
/// three zeros to the left of the first digit, then as <c>d.dddE+XX</c>.
/// <para>
/// The digits come from the Ryū algorithm (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018): the
/// double's neighbourhood is scaled to a decimal power with one 128-bit multiplication by a power of five taken from
/// a table, then digits are removed while the interval still holds one number. Infinities, NaN and subnormal
/// numbers, which no output of a run is in practice, are left to the framework's formatter.
/// </para>
/// </summary>
internal static class ShortestNumber
{
    /// <summary>The most bytes written: "-1.7976931348623157E+308".</summary>
    public const int MaxBytes = 24;

    private const int MantissaBits = 52;
    private const int ExponentBits = 11;
    private const int Bias = 1023;
    private const int Pow5InverseBitCount = 125;
    private const int Pow5BitCount = 125;

    // 5^i scaled to 125 bits, and 2^(bits(5^i) − 1 + 125) / 5^i rounded up, as (low, high) 64-bit halves; computed once.
    private static readonly ulong[] Pow5Split = Table(inverse: false, 326);
    private static readonly ulong[] Pow5InverseSplit = Table(inverse: true, 342);

    private static ulong[] Table(bool inverse, int size)
    {
        var table = new ulong[2 * size];
        var mask = (BigInteger.One << 64) - 1;
        var pow = BigInteger.One;
        for (var i = 0; i < size; i++, pow *= 5)
        {
            var bits = (int)pow.GetBitLength();
            var v = inverse
                ? (BigInteger.One << (bits - 1 + Pow5InverseBitCount)) / pow + 1
                : bits >= Pow5BitCount ? pow >> (bits - Pow5BitCount) : pow << (Pow5BitCount - bits);
            table[2 * i] = (ulong)(v & mask);
            table[2 * i + 1] = (ulong)(v >> 64);
        }
        return table;
    }

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/> (at least <see cref="MaxBytes"/> long) and returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Format(double value, Span<byte> destination)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var mantissa = bits & ((1UL << MantissaBits) - 1);
        var exponent = (int)((bits >> MantissaBits) & ((1U << ExponentBits) - 1));
        if ((bits << 1) == 0)
        {
            if ((long)bits < 0)
            {
                "-0"u8.CopyTo(destination);
                return 2;
            }
            destination[0] = (byte)'0';
            return 1;
        }
        if (exponent == 0 || exponent == (1 << ExponentBits) - 1)
        {
            // Subnormal, infinite or NaN.
            if (!value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture))
                throw new ArgumentException($"{MaxBytes} bytes are needed to write a number", nameof(destination));
            return written;
        }
        var (digits, e10) = Shortest(mantissa, exponent);
        while (digits % 10 == 0)
        {
            digits /= 10;
            e10++;
        }
        var count = DigitCount(digits);
        var at = 0;
        if ((long)bits < 0) destination[at++] = (byte)'-';
        // The decimal point sits after `scale` digits (before them when negative), as the framework's general format places it.
        var scale = e10 + count;
        if (scale > 17 || scale < -3)
        {
            // d.ddd: the digits written whole, then all but the first moved one place right for the point.
            WriteDigits(destination.Slice(at, count), digits);
            if (count > 1)
            {
                destination.Slice(at + 1, count - 1).CopyTo(destination[(at + 2)..]);
                destination[at + 1] = (byte)'.';
                at++;
            }
            at += count;
            destination[at++] = (byte)'E';
            var power = scale - 1;
            destination[at++] = power < 0 ? (byte)'-' : (byte)'+';
            power = Math.Abs(power);
            if (power >= 100) destination[at++] = (byte)('0' + power / 100);
            destination[at++] = (byte)('0' + power / 10 % 10);
            destination[at++] = (byte)('0' + power % 10);
        }
        else if (scale >= count)
        {
            WriteDigits(destination.Slice(at, count), digits);
            at += count;
            destination.Slice(at, scale - count).Fill((byte)'0');
            at += scale - count;
        }
        else if (scale > 0)
        {
            WriteDigits(destination.Slice(at, count), digits);
            destination.Slice(at + scale, count - scale).CopyTo(destination[(at + scale + 1)..]);
            destination[at + scale] = (byte)'.';
            at += count + 1;
        }
        else
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, -scale).Fill((byte)'0');
            at += -scale;
            WriteDigits(destination.Slice(at, count), digits);
            at += count;
        }
        return at;
    }

    /// <summary>"00" to "99", two bytes each.</summary>
    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Powers of ten that fit in 64 bits.</summary>
    private static ReadOnlySpan<ulong> PowersOfTen =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000,
        1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000,
        100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    /// <summary>The number of decimal digits of <paramref name="value"/> (at least 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DigitCount(ulong value)
    {
        // log10(2) ≈ 1233 / 4096: a guess from the bit length, corrected by one comparison.
        var guess = (64 - System.Numerics.BitOperations.LeadingZeroCount(value | 1)) * 1233 >> 12;
        return guess + (value >= PowersOfTen[guess] ? 1 : 0);
    }

    /// <summary>Writes the decimal digits of <paramref name="value"/> to fill <paramref name="into"/> exactly, two at a time from the right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits(Span<byte> into, ulong value)
    {
        var at = into.Length;
        var pairs = DigitPairs;
        while (at >= 2)
        {
            var next = value / 100;
            var pair = (int)(value - next * 100) * 2;
            into[--at] = pairs[pair + 1];
            into[--at] = pairs[pair];
            value = next;
        }
        if (at == 1) into[0] = (byte)('0' + (int)value);
    }

    /// <summary>The shortest decimal digits (and their power of ten) that read back as the normal double of these bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong Digits, int Exponent) Shortest(ulong mantissa, int exponent)
    {
        // Two more bits, so the bounds halfway to the neighbouring doubles are whole numbers.
        var e2 = exponent - Bias - MantissaBits - 2;
        var m2 = (1UL << MantissaBits) | mantissa;
        var acceptBounds = (m2 & 1) == 0;
        var mv = 4 * m2;
        var mmShift = mantissa != 0 || exponent <= 1 ? 1U : 0U;
        ulong vr, vp, vm;
        int e10;
        var vmIsTrailingZeros = false;
        var vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            var q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            var k = Pow5InverseBitCount + Pow5Bits(q) - 1;
            var i = -e2 + q + k;
            vr = MulShiftAll(m2, Pow5InverseSplit[2 * q], Pow5InverseSplit[2 * q + 1], i, out vp, out vm, mmShift);
            if (q <= 21)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0) vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                else if (acceptBounds) vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                else vp -= MultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
            }
        }
        else
        {
            var q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            var i = -e2 - q;
            var k = Pow5Bits(i) - Pow5BitCount;
            var j = q - k;
            vr = MulShiftAll(m2, Pow5Split[2 * i], Pow5Split[2 * i + 1], j, out vp, out vm, mmShift);
            if (q <= 1)
            {
                // mv = 4 m2 has at least two trailing zero bits.
                vrIsTrailingZeros = true;
                if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
                else --vp;
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        var removed = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The general case (rare).
            var lastRemovedDigit = 0;
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (int)(vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            // An exact ...50...0 rounds to even.
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4;
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            // The common case: no exact trailing zeros to track.
            var roundUp = false;
            if (vp / 100 > vm / 100)
            {
                roundUp = vr % 100 >= 50;
                vr /= 100;
                vp /= 100;
                vm /= 100;
                removed += 2;
            }
            while (vp / 10 > vm / 10)
            {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }
        return (output, e10 + removed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShiftAll(ulong m, ulong low, ulong high, int j, out ulong vp, out ulong vm, uint mmShift)
    {
        vp = MulShift(4 * m + 2, low, high, j);
        vm = MulShift(4 * m - 1 - mmShift, low, high, j);
        return MulShift(4 * m, low, high, j);
    }

    /// <summary>(m × (high·2^64 + low)) >> j, for j of at least 64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShift(ulong m, ulong low, ulong high, int j)
    {
        var lowHigh = Math.BigMul(m, low, out _);
        var highHigh = Math.BigMul(m, high, out var highLow);
        var sum = new UInt128(highHigh, highLow) + lowHigh;
        return (ulong)(sum >> (j - 64));
    }

    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static bool MultipleOfPowerOf5(ulong value, int p)
    {
        var count = 0;
        while (value != 0 && value % 5 == 0)
        {
            value /= 5;
            count++;
        }
        return count >= p;
    }
}
