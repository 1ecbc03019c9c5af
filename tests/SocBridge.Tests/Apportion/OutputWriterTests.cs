using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// The output is formatted straight into UTF-8; it must be, byte for byte, the text the general CSV writer gives
/// for the same rows (fields quoted only when they need it, numbers in their shortest exact invariant form).
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class OutputWriterTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    /// <summary>The rows as <see cref="CsvFieldWriter"/> writes them, field by field, into text encoded afterwards.</summary>
    private static byte[] Reference(ApportionResult result, ApportionOptions options, OutputStyle style)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvFieldWriter(text);
        var header = new List<string>(result.Dimensions.Columns) { options.To.ColumnName() };
        if (style.Titles) header.Add(options.To.ColumnName() + "_title");
        foreach (var v in options.Values)
        {
            header.Add(v.Name);
            if (options.Interval is not null && v.IsCount)
            {
                header.Add(v.Name + "_lo");
                header.Add(v.Name + "_hi");
            }
        }
        header.Add("flags");
        csv.WriteRow([.. header]);
        var cells = result.Cells;
        for (var r = 0; r < cells.Count; r++)
        {
            foreach (var d in result.Dimensions.Tuple(cells.Tuples[r])) csv.Write(d);
            csv.Write(result.TargetCodes[cells.TargetSlots[r]]);
            if (style.Titles) csv.Write(result.TargetTitles[cells.TargetSlots[r]]);
            var k = 0;
            for (var i = 0; i < options.Values.Count; i++)
            {
                csv.Write(style.Decimals is null ? cells.Value(r, i) : style.Round(cells.Value(r, i)));
                if (options.Interval is not null && options.Values[i].IsCount)
                {
                    csv.Write(style.Round(cells.Lower[r * cells.IntervalCount + k]));
                    csv.Write(style.Round(cells.Upper[r * cells.IntervalCount + k]));
                    k++;
                }
            }
            csv.Write(cells.Fallback[r] ? "fallback" : "");
            csv.EndRow();
        }
        return CsvFieldWriter.Utf8NoBom.GetBytes(text.ToString());
    }

    /// <summary>Dimension values that need quoting (a comma, a quote) or are not ASCII, in place of some generated ones.</summary>
    private static readonly string[] AwkwardValues = ["north, upper", "say \"south\"", "Ynys Môn", "", "line\u00a0two"];

    [Fact]
    public void Rows_written_in_utf8_are_the_bytes_of_the_general_csv_writer()
    {
        var gen = from s in SeriesGen.Series(_release)
                  from decimals in Gen.Elements<int?>(null, 0, 2, 5)
                  from titles in Gen.Elements(false, true)
                  from awkward in Gen.Choose(0, AwkwardValues.Length)
                  select (s, new OutputStyle(decimals, titles), awkward);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var (s, style, awkward) = x;
            // Some regions renamed to values that must be quoted or are multi-byte in UTF-8.
            var rows = s.Rows.Select((row, i) => awkward < AwkwardValues.Length && i % 3 == 0
                ? row with { Dimensions = [AwkwardValues[awkward], .. row.Dimensions.Skip(1)] }
                : row).ToList();
            var options = s.Options with { Threads = 1 + (awkward % 2) };
            var result = SeriesApportioner.Apportion(_release, options, s.Dimensions, rows).Result;
            using var written = new MemoryStream();
            SeriesCsv.WriteOutput(written, result, options, style);
            var expected = Reference(result, options, style);
            Assert.True(expected.AsSpan().SequenceEqual(written.ToArray()),
                $"first difference at byte {expected.AsSpan().CommonPrefixLength(written.ToArray())} of {expected.Length}: {Encoding.UTF8.GetString(written.ToArray())}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    /// <summary>
    /// Any double (random bits), shares of decimal counts as the engine makes them, whole numbers and numbers near the
    /// switches to exponent form: the UTF-8 writer gives the text of "R".
    /// </summary>
    [Fact]
    public void Numbers_are_written_as_their_shortest_exact_text()
    {
        var anyBits = from high in Gen.Choose(int.MinValue, int.MaxValue)
                      from low in Gen.Choose(int.MinValue, int.MaxValue)
                      select BitConverter.Int64BitsToDouble(((long)high << 32) | (uint)low);
        var shares = from cents in Gen.Choose(0, int.MaxValue)
                     from weight in Gen.Choose(1, 1_000_000)
                     from parts in Gen.Choose(1, 1_000_000)
                     from sign in Gen.Elements(1.0, -1.0)
                     select sign * cents / 100.0 * (weight / (double)parts);
        var decimals = from n in Gen.Choose(-1_000_000, 1_000_000)
                       from scale in Gen.Choose(-25, 25)
                       select n * Math.Pow(10, scale);
        var nearSwitches = from digits in Gen.Choose(1, 999_999)
                           from power in Gen.Choose(-8, 22)
                           from step in Gen.Choose(-2, 2)
                           select BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(digits * Math.Pow(10, power)) + step);
        var wholes = from n in Gen.Choose(0, int.MaxValue)
                     from shift in Gen.Choose(0, 30)
                     select (double)((long)n << shift);
        Prop.ForAll(Gen.OneOf(anyBits, shares, decimals, nearSwitches, wholes).ToArbitrary(), value =>
        {
            Span<byte> utf8 = stackalloc byte[ShortestNumber.MaxBytes];
            var n = ShortestNumber.Format(value, utf8);
            Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(utf8[..n]));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200_000));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(-double.MaxValue)]
    [InlineData(2.2250738585072014E-308)]
    [InlineData(1e15)]
    [InlineData(1e14)]
    [InlineData(123456789012345680.0)]
    [InlineData(1234567890123456.7)]
    [InlineData(0.0001)]
    [InlineData(0.00001)]
    [InlineData(9007199254740993.0)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(1.0 / 3)]
    [InlineData(100.0)]
    [InlineData(-60.0)]
    public void Edge_numbers_are_written_as_their_shortest_exact_text(double value)
    {
        if (value == 0) AssertWrittenAsR(-0.0);
        AssertWrittenAsR(value);
    }

    private static void AssertWrittenAsR(double value)
    {
        Span<byte> utf8 = stackalloc byte[ShortestNumber.MaxBytes];
        var n = ShortestNumber.Format(value, utf8);
        Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(utf8[..n]));
    }
}
