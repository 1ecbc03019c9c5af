using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Model;

namespace SocBridge.Tests.Apportion;

/// <summary>The value parser's fast path for plain decimals must give the very double the general parser gives.</summary>
public sealed class ValueParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("1.")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData("000123.4500")]
    [InlineData("2547.37")]
    [InlineData("999999999999999")]
    [InlineData("99999999999999.9")]
    [InlineData("0.000000000000001")]
    [InlineData("1234567890123456")]
    [InlineData("12345678901234.56")]
    public void Plain_decimals_read_as_the_general_parser_reads_them(string text)
    {
        Assert.Equal(CellStatus.Ok, ValueParser.Parse(text, nonNegative: true, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("12.3.4", CellStatus.NotANumber)]
    [InlineData(".", CellStatus.NotANumber)]
    [InlineData("", CellStatus.Missing)]
    [InlineData("x", CellStatus.Suppressed)]
    [InlineData("-2.5", CellStatus.Negative)]
    public void Text_that_is_not_a_plain_decimal_goes_to_the_general_rules(string text, CellStatus expected) =>
        Assert.Equal(expected, ValueParser.Parse(text, nonNegative: true, out _));

    [Fact]
    public void Any_decimal_of_up_to_sixteen_characters_reads_bit_for_bit_as_the_general_parser()
    {
        Prop.ForAll(
            Gen.Choose(1, 15).SelectMany(digits => Gen.ArrayOf(Gen.Choose(0, 9), digits)).ToArbitrary(),
            Gen.Choose(-1, 15).ToArbitrary(),
            (digits, point) =>
            {
                var text = string.Concat(digits);
                if (point >= 0 && point < text.Length) text = text[..Math.Max(1, point)] + "." + text[Math.Max(1, point)..];
                Assert.Equal(CellStatus.Ok, ValueParser.Parse(text, nonNegative: true, out var value));
                var expected = double.Parse(text, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"{text}: {value:R} against {expected:R}");
                return true;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));
    }
}
