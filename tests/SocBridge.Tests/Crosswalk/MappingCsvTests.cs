using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Crosswalk;

[Collection(ReleaseCollection.Name)]
public sealed class MappingCsvTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    private string Write(IEnumerable<MappingResult> results)
    {
        var text = new StringWriter();
        MappingCsv.Write(text, results);
        return text.ToString();
    }

    [Fact]
    public void The_table_has_the_documented_header_and_one_row_per_target()
    {
        var results = _release.Crosswalk.MapAll(SocVersion.Soc2010, SocLevel.Unit, WeightSelection.Default).ToList();
        var lines = Write(results).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', MappingCsv.Header), lines[0]);
        Assert.Equal(results.Sum(r => r.Targets.Count), lines.Length - 1);
    }

    [Fact]
    public void Weights_read_back_sum_to_one_for_every_source_code()
    {
        var csv = Write(_release.Crosswalk.MapAll(SocVersion.Soc2010, SocLevel.Unit, WeightSelection.Default));
        using var reader = new CsvRecordReader(new StringReader(csv), "weights.csv");
        var sums = new Dictionary<string, double>();
        while (reader.Read())
        {
            Assert.Equal("2010", reader.GetString("from_version"));
            Assert.Equal("2020", reader.GetString("to_version"));
            var code = reader.GetString("from_code");
            sums[code] = sums.GetValueOrDefault(code) + reader.GetDouble("weight");
        }
        Assert.NotEmpty(sums);
        Assert.All(sums, kv => Assert.Equal(1.0, kv.Value, 9));
    }

    [Fact]
    public void A_fallback_row_names_the_weights_requested_and_used()
    {
        var selection = new WeightSelection(WeightSet.Census, SexSet.Women);
        var fallback = _release.Crosswalk.MapAll(SocVersion.Soc2010, SocLevel.Unit, selection).First(r => r.IsFallback && r.HasData);
        using var reader = new CsvRecordReader(new StringReader(Write([fallback])), "weights.csv");
        Assert.True(reader.Read());
        Assert.Equal("census", reader.GetString("weights"));
        Assert.Equal("women", reader.GetString("sex"));
        Assert.Equal(WeightSets.Name(fallback.Used.Set), reader.GetString("weights_used"));
        Assert.Equal(WeightSets.Name(fallback.Used.Sex), reader.GetString("sex_used"));
        Assert.Equal(fallback.FallbackReason, reader.GetString("fallback"));
    }
}
