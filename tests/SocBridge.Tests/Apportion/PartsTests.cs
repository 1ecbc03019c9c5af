using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>Rows summed in several parts or on several threads give the result of summing them in one.</summary>
[Collection(ReleaseCollection.Name)]
public sealed class PartsTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    private static ApportionOptions Options(int? threads = null, bool sumDuplicates = true, bool twoValues = false) => new()
    {
        From = SocVersion.Soc2010,
        CodeColumn = "soc2010",
        Values = twoValues ? [ValueColumn.Count("jobs"), ValueColumn.Mean("pay", "jobs")] : [ValueColumn.Count("jobs")],
        SexColumn = "sex",
        SumDuplicates = sumDuplicates,
        Threads = threads,
        Interval = 0.9,
    };

    private sealed record Row(string Region, SexSet Sex, string Code, double Jobs, double Pay);

    private Gen<Row[]> Rows()
    {
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).ToArray();
        return (from region in Gen.Elements("north", "south", "east", "west", "wales")
                from sex in Gen.Elements(SexSet.Men, SexSet.Women)
                from code in Gen.Elements(codes)
                from jobs in Gen.Choose(0, 100_000)
                from pay in Gen.Choose(0, 90_000)
                select new Row(region, sex, code, jobs / 10.0, pay)).ArrayOf();
    }

    private static SeriesColumns Columns(Apportioner engine, Row[] rows, bool twoValues) => new(
        [.. rows.Select(r => engine.Dimensions.TupleId([engine.Dimensions.ValueId(0, r.Region), engine.Dimensions.ValueId(1, r.Sex.ToString())]))],
        [.. rows.Select(r => SocCode.Parse(r.Code, SocVersion.Soc2010))],
        [.. rows.Select(r => r.Sex)],
        twoValues ? [[.. rows.Select(r => r.Jobs)], [.. rows.Select(r => r.Pay)]] : [[.. rows.Select(r => r.Jobs)]]);

    private ApportionResult ByColumns(Row[] rows, int threads, bool twoValues)
    {
        var engine = new Apportioner(_release, Options(threads, twoValues: twoValues), ["region", "sex"]);
        engine.AddColumns(Columns(engine, rows, twoValues));
        return engine.Finish();
    }

    private ApportionResult RowByRow(Row[] rows, bool twoValues)
    {
        var engine = new Apportioner(_release, Options(1, twoValues: twoValues), ["region", "sex"]);
        foreach (var r in rows)
        {
            var tuple = engine.Dimensions.TupleId([engine.Dimensions.ValueId(0, r.Region), engine.Dimensions.ValueId(1, r.Sex.ToString())]);
            engine.AddTrusted(tuple, SocCode.Parse(r.Code, SocVersion.Soc2010), r.Sex, twoValues ? [r.Jobs, r.Pay] : [r.Jobs]);
        }
        return engine.Finish();
    }

    [Fact]
    public void Columns_on_any_number_of_threads_give_the_same_output_to_the_last_bit()
    {
        var gen = from rows in Rows() from threads in Gen.Choose(2, 5) from two in Gen.Elements(false, true) select (rows, threads, two);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var one = ByColumns(x.rows, 1, x.two).Cells;
            var many = ByColumns(x.rows, x.threads, x.two).Cells;
            return (one.Tuples.SequenceEqual(many.Tuples) && one.TargetSlots.SequenceEqual(many.TargetSlots)
                    && one.Values.SequenceEqual(many.Values) && one.Lower!.SequenceEqual(many.Lower!) && one.Upper!.SequenceEqual(many.Upper!))
                .Label($"{x.threads} threads");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Columns_give_the_output_of_adding_row_by_row()
    {
        Prop.ForAll(Rows().ToArbitrary(), rows =>
        {
            var a = SeriesGen.ByCell(ByColumns(rows, 3, twoValues: true));
            var b = SeriesGen.ByCell(RowByRow(rows, twoValues: true));
            return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && kv.Value.Zip(v).All(p => SeriesGen.Close(p.First, p.Second)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Rows_split_between_parts_give_the_output_of_one_part()
    {
        var gen = from rows in Rows() from cut in Gen.Choose(0, 100) select (rows, cut);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var engine = new Apportioner(_release, Options(), ["region", "sex"]);
            var second = engine.NewPart();
            var split = x.rows.Length * x.cut / 100;
            for (var i = 0; i < x.rows.Length; i++)
            {
                var r = x.rows[i];
                var part = i < split ? engine.MainPart : second;
                var tuple = part.Dimensions.TupleId([part.Dimensions.ValueId(0, r.Region), part.Dimensions.ValueId(1, r.Sex.ToString())]);
                part.AddTrusted(tuple, SocCode.Parse(r.Code, SocVersion.Soc2010), r.Sex, [r.Jobs]);
            }
            var a = SeriesGen.ByCell(engine.Finish());
            var b = SeriesGen.ByCell(RowByRow(x.rows, twoValues: false));
            return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && SeriesGen.Close(kv.Value[0], v[0]));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void A_cell_in_two_parts_that_reject_repeats_cannot_be_finished()
    {
        var engine = new Apportioner(_release, Options(sumDuplicates: false), ["region", "sex"]);
        var second = engine.NewPart();
        var rejects = new RejectList();
        foreach (var part in new[] { engine.MainPart, second })
        {
            var tuple = part.Dimensions.TupleId([part.Dimensions.ValueId(0, "north"), part.Dimensions.ValueId(1, "male")]);
            part.Add(2, tuple, "2136", "male", [10], [CellStatus.Ok], new NoRow(), rejects);
        }
        Assert.Throws<DuplicateAcrossPartsException>(() => engine.Finish());
    }

    [Fact]
    public void Columns_with_a_code_of_the_wrong_edition_are_refused()
    {
        var engine = new Apportioner(_release, Options(), ["region", "sex"]);
        var tuple = engine.Dimensions.TupleId([engine.Dimensions.ValueId(0, "north"), engine.Dimensions.ValueId(1, "Men")]);
        var e = Assert.Throws<ArgumentException>(() => engine.AddColumns(new SeriesColumns([tuple], [SocCode.Parse("2134", SocVersion.Soc2020)], [SexSet.Men], [[1.0]])));
        Assert.Contains("SOC2020 2134 is not a group of SOC2010", e.Message);
    }

    private sealed class NoRow : ICurrentRow
    {
        public long Record => 1;

        public IReadOnlyList<string> Fields() => [];

        public string RawValue(int valueIndex) => "";
    }
}
