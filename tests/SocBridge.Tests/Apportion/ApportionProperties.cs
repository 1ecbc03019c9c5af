using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Engine;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>Invariants of apportionment over random series of real codes, weight sets, sexes, levels and directions.</summary>
[Collection(ReleaseCollection.Name)]
public class ApportionProperties(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    private SeriesOutcome Run(GeneratedSeries s, IEnumerable<SeriesRow>? rows = null) =>
        SeriesApportioner.Apportion(_release, s.Options, s.Dimensions, rows ?? s.Rows);

    [Fact]
    public void Every_count_is_conserved()
    {
        Prop.ForAll(SeriesGen.Series(_release).ToArbitrary(), s =>
        {
            var r = Run(s).Result;
            var inTotal = s.Rows.Sum(x => double.Parse(x.Values[0]!, System.Globalization.CultureInfo.InvariantCulture));
            var outTotal = r.Cells.Sum(c => c.Values[0]);
            return (SeriesGen.Close(inTotal, outTotal) && r.Reconciliation.Balances && r.Reconciliation.RowsRejected == 0)
                .Label($"in {inTotal} out {outTotal}");
        }).Check(Runs);
    }

    [Fact]
    public void Shuffled_input_gives_the_same_output()
    {
        var gen = from s in SeriesGen.Series(_release)
                  from shuffled in Gen.Shuffle(s.Rows.ToArray())
                  select (s, shuffled);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var a = Run(x.s).Result;
            var b = Run(x.s, x.shuffled).Result;
            var ka = a.Cells.Select(c => (string.Join("|", a.Dimensions.Tuple(c.Tuple)), a.TargetCodes[c.TargetSlot])).ToArray();
            var kb = b.Cells.Select(c => (string.Join("|", b.Dimensions.Tuple(c.Tuple)), b.TargetCodes[c.TargetSlot])).ToArray();
            return (ka.SequenceEqual(kb) && a.Cells.Zip(b.Cells).All(p => p.First.Values.Zip(p.Second.Values).All(v => SeriesGen.Close(v.First, v.Second))))
                .Label(x.s.ToString());
        }).Check(Runs);
    }

    [Fact]
    public void Apportioning_parts_and_adding_them_equals_apportioning_the_whole()
    {
        var gen = from s in SeriesGen.Series(_release, withMeans: false)
                  from cut in Gen.Choose(0, Math.Max(0, s.Rows.Count))
                  select (s, cut);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var whole = SeriesGen.ByCell(Run(x.s).Result);
            var parts = new Dictionary<(string, string), double>();
            foreach (var part in new[] { x.s.Rows.Take(x.cut), x.s.Rows.Skip(x.cut) })
                foreach (var (key, values) in SeriesGen.ByCell(Run(x.s, part).Result))
                    parts[key] = parts.GetValueOrDefault(key) + values[0];
            return (whole.Count == parts.Count && whole.All(kv => SeriesGen.Close(kv.Value[0], parts[kv.Key]))).Label(x.s.ToString());
        }).Check(Runs);
    }

    [Fact]
    public void Weighted_means_stay_within_the_range_of_their_contributors()
    {
        Prop.ForAll(SeriesGen.Series(_release).ToArbitrary(), s =>
        {
            var r = Run(s).Result;
            // Input means by (dimensions, code) from the rows that had a positive weight.
            var inputs = s.Rows
                .Select(x => (Dims: string.Join("|", x.Dimensions), x.Code, Jobs: double.Parse(x.Values[0]!, System.Globalization.CultureInfo.InvariantCulture), Pay: double.Parse(x.Values[1]!, System.Globalization.CultureInfo.InvariantCulture)))
                .Where(x => x.Jobs > 0)
                .ToLookup(x => (x.Dims, x.Code));
            foreach (var cell in r.Cells.Where(c => !double.IsNaN(c.Values[1])))
            {
                var dims = string.Join("|", r.Dimensions.Tuple(cell.Tuple));
                var contributors = r.Audit.Where(a => a.Tuple == cell.Tuple && a.TargetSlot == cell.TargetSlot && a.Weight > 0)
                    .SelectMany(a => inputs[(dims, a.SourceCode)]).Select(x => x.Pay).ToArray();
                if (contributors.Length == 0) return false.Label($"no contributor for {dims} {r.TargetCodes[cell.TargetSlot]}");
                var mean = cell.Values[1];
                if (mean < contributors.Min() - 1e-9 || mean > contributors.Max() + 1e-9)
                    return false.Label($"{dims} {r.TargetCodes[cell.TargetSlot]}: {mean} outside [{contributors.Min()}, {contributors.Max()}]");
            }
            return true.Label("ok");
        }).Check(Runs);
    }

    [Fact]
    public void Intervals_contain_the_point_estimate_and_lie_within_the_contributing_totals()
    {
        Prop.ForAll(SeriesGen.Series(_release, withMeans: false).ToArbitrary(), s =>
        {
            var r = Run(s).Result;
            return r.Cells.All(c =>
            {
                var contributed = r.Audit.Where(a => a.Tuple == c.Tuple && a.TargetSlot == c.TargetSlot).Sum(a => a.Contributions[0] / a.Weight);
                return c.Lower![0] <= c.Values[0] + 1e-9 && c.Values[0] <= c.Upper![0] + 1e-9
                       && c.Lower[0] >= -1e-9 && c.Upper[0] <= contributed * (1 + 1e-9) + 1e-9;
            }).Label(s.ToString());
        }).Check(Runs);
    }

    [Fact]
    public void One_to_one_groups_pass_values_through_unchanged()
    {
        var oneToOne = _release.Soc2010.UnitGroups
            .Where(g => _release.Crosswalk.RelationshipOf(g.Code, SocLevel.Unit) == RelationshipType.OneToOne)
            .Select(g => g.Code).ToArray();
        Assert.NotEmpty(oneToOne);
        var gen = from code in Gen.Elements(oneToOne)
                  from jobs in Gen.Choose(0, 1_000_000)
                  from pay in Gen.Choose(1, 100_000)
                  from selection in Gen.Elements(WeightSelection.All.ToArray())
                  select (code, jobs, pay, selection);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var options = new SocBridge.Apportion.Model.ApportionOptions
            {
                From = SocVersion.Soc2010, CodeColumn = "code", Selection = x.selection, Interval = 0.95,
                Values = [SocBridge.Apportion.Model.ValueColumn.Count("jobs"), SocBridge.Apportion.Model.ValueColumn.Mean("pay", "jobs")],
            };
            var r = SeriesApportioner.Apportion(_release, options, ["year"], [new SeriesRow(["2021"], x.code.ToString(), [x.jobs.ToString(), x.pay.ToString()])]).Result;
            var target = _release.Crosswalk.Map(x.code, x.selection).Targets.Single().Code.ToString();
            var cell = Assert.Single(r.Cells);
            return (r.TargetCodes[cell.TargetSlot] == target && cell.Values[0] == x.jobs && (x.jobs == 0 || Math.Abs(cell.Values[1] - x.pay) < 1e-9)
                    && cell.Lower![0] == x.jobs && cell.Upper![0] == x.jobs)
                .Label($"{x.code} → {target}");
        }).Check(Runs);
    }
}
