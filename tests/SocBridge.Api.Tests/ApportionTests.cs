using SocBridge.Api.Contracts;
using SocBridge.Api.Tests.Support;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class ApportionTests(ApiFixture api)
{
    private const string Series = """
        {
          "from": "2010",
          "weights": "pooled",
          "dimensions": ["region"],
          "values": [
            {"name": "employment", "kind": "count"},
            {"name": "pay", "kind": "mean", "weighted_by": "employment"}
          ],
          "rows": [
            {"dimensions": ["London"], "code": "2136", "values": [1000, 41000]},
            {"dimensions": ["London"], "code": 3545, "values": ["2,000", "35000"]},
            {"dimensions": ["North"], "code": "2136", "values": [500, null]},
            {"dimensions": ["North"], "code": "9999", "values": [7, 1]},
            {"dimensions": ["North"], "code": "3545", "values": ["x", 30000]}
          ]
        }
        """;

    [Fact]
    public async Task A_series_is_translated_as_the_library_does_it()
    {
        var response = await api.Client.PostJson("/v1/apportion", Series);

        Assert.Equal(200, response.Status);
        var body = response.As<ApportionResponse>();
        var options = new ApportionOptions
        {
            From = SocVersion.Soc2010,
            CodeColumn = "code",
            Values = [ValueColumn.Count("employment"), ValueColumn.Mean("pay", "employment")],
            Selection = new WeightSelection(WeightSet.Pooled, SexSet.All),
        };
        var expected = SeriesApportioner.Apportion(api.Release, options, ["region"],
        [
            new SeriesRow(["London"], "2136", ["1000", "41000"]),
            new SeriesRow(["London"], "3545", ["2,000", "35000"]),
            new SeriesRow(["North"], "2136", ["500", null]),
            new SeriesRow(["North"], "9999", ["7", "1"]),
            new SeriesRow(["North"], "3545", ["x", "30000"]),
        ]);

        Assert.Equal(api.Release.ReleaseId, body.ReleaseId);
        Assert.Equal("2020", body.To);
        Assert.Equal(new WeightsRef("pooled", "all"), body.Weights);
        Assert.Equal(expected.Result.Cells.Count, body.Rows.Count);
        Assert.Equal(
            expected.Result.Cells.Select(c => (string.Join("|", expected.Result.Dimensions.Tuple(c.Tuple)), expected.Result.TargetCodes[c.TargetSlot], c.Values[0])),
            body.Rows.Select(r => (string.Join("|", r.Dimensions), r.Code, r.Values[0]!.Value)));
        var london2134 = body.Rows.Single(r => r.Dimensions[0] == "London" && r.Code == "2134");
        Assert.Equal(1000 * api.Release.Crosswalk.Map(SocCode.Parse("2136", SocVersion.Soc2010), options.Selection).Targets.Single(t => t.Code.ToString() == "2134").Weight
                     + 2000 * (api.Release.Crosswalk.Map(SocCode.Parse("3545", SocVersion.Soc2010), options.Selection).Targets.SingleOrDefault(t => t.Code.ToString() == "2134")?.Weight ?? 0),
            london2134.Values[0]!.Value, 9);
    }

    [Fact]
    public async Task The_answer_reconciles_and_lists_every_reject_by_row()
    {
        var body = (await api.Client.PostJson("/v1/apportion", Series)).As<ApportionResponse>();

        Assert.True(body.Reconciliation.Balances);
        Assert.Equal(5, body.Reconciliation.RowsRead);
        Assert.Equal(1, body.Reconciliation.RowsRejected);
        var employment = body.Reconciliation.Columns.Single(c => c.Column == "employment");
        Assert.Equal(3507, employment.In, 9);
        Assert.Equal(7, employment.Rejected, 9);
        Assert.Equal(3500, employment.Out, 6);
        Assert.Contains(body.Rejects, r => r.Row == 4 && r.Column == "code" && r.Value == "9999" && r.Reason.Contains("SOC2010 9999"));
        Assert.Contains(body.Rejects, r => r.Row == 5 && r.Column == "employment" && r.Value == "x");
        Assert.Equal(body.Rows.Sum(r => r.Values[0] ?? 0), employment.Out, 6);
    }

    [Fact]
    public async Task An_interval_adds_bounds_for_counts_only()
    {
        var body = (await api.Client.PostJson("/v1/apportion", Series.Replace("\"weights\": \"pooled\",", "\"weights\": \"pooled\", \"interval\": 0.9,"))).As<ApportionResponse>();

        Assert.Equal(0.9, body.Interval);
        Assert.All(body.Rows, r =>
        {
            Assert.NotNull(r.Lower);
            Assert.NotNull(r.Upper);
            Assert.Null(r.Lower![1]);
            Assert.InRange(r.Values[0]!.Value, r.Lower[0]!.Value - 1e-9, r.Upper![0]!.Value + 1e-9);
        });
    }

    [Fact]
    public async Task Level_and_unallocated_residual_are_applied()
    {
        var json = Series.Replace("\"weights\": \"pooled\",", "\"weights\": \"pooled\", \"level\": 2, \"residual\": \"unallocated\",");

        var body = (await api.Client.PostJson("/v1/apportion", json)).As<ApportionResponse>();

        Assert.Equal(2, body.Level);
        Assert.Equal("unallocated", body.Residual);
        Assert.All(body.Rows, r => Assert.True(r.Code.Length == 2 || r.Code == "unallocated", r.Code));
        Assert.True(body.Reconciliation.Balances);
    }

    [Fact]
    public async Task Body_over_the_size_limit_is_413()
    {
        using var small = api.Configure(new Dictionary<string, string?> { ["Api:RateLimit:Enabled"] = "false", ["Api:MaxRequestBodyBytes"] = "200" });
        using var client = small.CreateClient();

        var problem = Problems.Assert(await client.PostJson("/v1/apportion", Series), 413);

        Assert.Contains("at most 200 bytes", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Too_many_rows_is_400_naming_rows()
    {
        using var small = api.Configure(new Dictionary<string, string?> { ["Api:RateLimit:Enabled"] = "false", ["Api:Apportion:MaxRows"] = "3" });
        using var client = small.CreateClient();

        var problem = Problems.Assert(await client.PostJson("/v1/apportion", Series), 400);

        Assert.Equal("rows", (string?)problem["parameter"]);
        Assert.Contains("at most 3", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        Problems.Assert(await api.Client.PostJson("/v1/apportion", "region,code\nLondon,2136", "text/csv"), 415);
    }

    [Theory]
    [InlineData("{\"from\": \"2010\", \"rows\": [", "body")]
    [InlineData("{\"from\": \"2010\", \"rows\": [1]}", "rows[0]")]
    [InlineData("", "body")]
    [InlineData("null", "body")]
    public async Task Malformed_json_is_400_saying_where(string json, string where)
    {
        var problem = Problems.Assert(await api.Client.PostJson("/v1/apportion", json), 400);

        Assert.Contains(where, (string?)problem["parameter"] + " " + (string?)problem["detail"]);
        Assert.DoesNotContain("SocBridge.Api", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("\"from\": \"2010\"", "\"from\": \"2015\"", "from")]
    [InlineData("\"weights\": \"pooled\"", "\"weights\": \"ons\"", "weights")]
    [InlineData("\"weights\": \"pooled\"", "\"weights\": \"pooled\", \"sex\": \"x\"", "sex")]
    [InlineData("\"weights\": \"pooled\"", "\"weights\": \"pooled\", \"level\": 7", "level")]
    [InlineData("\"weights\": \"pooled\"", "\"weights\": \"pooled\", \"interval\": 1.5", "interval")]
    [InlineData("\"weights\": \"pooled\"", "\"weights\": \"pooled\", \"residual\": \"drop\"", "residual")]
    [InlineData("\"weights\": \"pooled\"", "\"weights\": \"pooled\", \"sex_dimension\": \"sex\"", "sex_dimension")]
    [InlineData("\"kind\": \"mean\", \"weighted_by\": \"employment\"", "\"kind\": \"mean\"", "values[1].weighted_by")]
    [InlineData("\"kind\": \"mean\", \"weighted_by\": \"employment\"", "\"kind\": \"average\"", "values[1].kind")]
    [InlineData("\"dimensions\": [\"region\"]", "\"dimensions\": [\"region\", \"region\"]", "dimensions")]
    public async Task Invalid_settings_are_400_naming_the_field(string find, string replace, string field)
    {
        var json = Series.Replace(find, replace);
        Assert.NotEqual(Series, json);

        var problem = Problems.Assert(await api.Client.PostJson("/v1/apportion", json), 400);

        Assert.Equal(field, (string?)problem["parameter"]);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Rows_and_values_are_required()
    {
        var problem = Problems.Assert(await api.Client.PostJson("/v1/apportion", "{\"from\": \"2020\"}"), 400);

        Assert.NotNull(problem["errors"]!["values"]);
        Assert.NotNull(problem["errors"]!["rows"]);
    }

    [Fact]
    public async Task A_row_of_the_wrong_width_is_rejected_not_fatal()
    {
        var json = Series.Replace("{\"dimensions\": [\"North\"], \"code\": \"2136\", \"values\": [500, null]}", "{\"dimensions\": [\"North\", \"extra\"], \"code\": \"2136\", \"values\": [500]}");

        var body = (await api.Client.PostJson("/v1/apportion", json)).As<ApportionResponse>();

        Assert.Contains(body.Rejects, r => r.Row == 3 && r.Column is null);
        Assert.True(body.Reconciliation.Balances);
    }

    [Fact]
    public async Task Sex_dimension_chooses_sex_specific_weights()
    {
        var json = """
            {"from": "2020", "weights": "lfs", "dimensions": ["sex"], "sex_dimension": "sex",
             "values": [{"name": "n"}],
             "rows": [{"dimensions": ["female"], "code": "2134", "values": [100]}, {"dimensions": ["male"], "code": "2134", "values": [100]}]}
            """;

        var body = (await api.Client.PostJson("/v1/apportion", json)).As<ApportionResponse>();

        var women = api.Release.Crosswalk.Map(SocCode.Parse("2134", SocVersion.Soc2020), new WeightSelection(WeightSet.Lfs, SexSet.Women));
        var female2136 = body.Rows.Single(r => r.Dimensions[0] == "female" && r.Code == "2136");
        Assert.Equal(100 * women.Targets.Single(t => t.Code.ToString() == "2136").Weight, female2136.Values[0]!.Value, 9);
        Assert.Equal("sex", body.SexDimension);
    }
}
