using SocBridge.Release;
using SocBridge.Release.Index;
using SocBridge.Release.Text;
using SocBridge.Release.Workbook;

namespace SocBridge.Tests.Release;

/// <summary>Small parsing rules of the importer, on hand-made values.</summary>
public sealed class SourceParsingTests
{
    [Theory]
    [InlineData("MANAGERS, DIRECTORS AND SENIOR OFFICIALS", "Managers, directors and senior officials")]
    [InlineData("IT AND TELECOMMUNICATIONS PROFESSIONALS", "IT and telecommunications professionals")]
    [InlineData("OFFICERS IN HM FORCES AND THE NHS", "Officers in HM forces and the NHS")]
    [InlineData("UK TRADE OFFICIALS N.E.C.", "UK trade officials n.e.c.")]
    [InlineData("Chief Executives and Senior Officials", "Chief Executives and Senior Officials")]
    [InlineData("IT engineers", "IT engineers")]
    public void Display_titles_sentence_case_only_all_capital_titles(string title, string expected) =>
        Assert.Equal(expected, DisplayTitle.For(title));

    [Theory]
    [InlineData("see Adviser", "Adviser")]
    [InlineData("see also Foreman", "Foreman")]
    [InlineData("See Hand, datal", "Hand, datal")]
    [InlineData("see also notes", "notes")]
    [InlineData("notes", null)]
    [InlineData("see ", null)]
    public void See_texts_name_their_target_title(string see, string? expected) =>
        Assert.Equal(expected, SeeReferenceResolver.TargetTitle(see));

    [Fact]
    public void Codes_keep_or_restore_leading_zeros_and_refuse_anything_else()
    {
        var sheet = new Sheet("index.xlsx", "SOC2020 coding index", [[110.0, "0110", 2422.0, 24.5, "}}}}", 12345.0]]);
        Assert.Equal("0110", sheet[1, "A"].Code(4, "a code"));
        Assert.Equal("0110", sheet[1, "B"].Code(4, "a code"));
        Assert.Equal("2422", sheet[1, "C"].Code(4, "a code"));
        foreach (var column in new[] { "D", "E", "F", "G" })
        {
            var error = Assert.Throws<OnsSourceException>(() => sheet[1, column].Code(4, "a 4-digit code"));
            Assert.Equal(("index.xlsx", "SOC2020 coding index", 1, column), (error.File, error.Sheet, error.Row, error.Column));
        }
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(9, "J")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_letters_round_trip(int index, string letters)
    {
        Assert.Equal(letters, ColumnIndex.ToLetters(index));
        Assert.Equal(index, ColumnIndex.FromLetters(letters));
    }

    [Fact]
    public void Error_messages_for_xml_sources_name_line_and_element()
    {
        var error = new OnsSourceException("soc2010.xml", null, 42, "Value", "12x", "a SOC2010 code of 1 to 4 digits");
        Assert.Equal("soc2010.xml, line 42, element <Value>: found '12x', expected a SOC2010 code of 1 to 4 digits", error.Message);
    }
}
