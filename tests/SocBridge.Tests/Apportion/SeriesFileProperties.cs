using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Apportion.SeriesFileSupport;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// Properties of series-file runs: flows of any sign are conserved per dimension and in their parts;
/// selecting columns by a pattern writes the same bytes as naming them; a run that fails leaves the output
/// folder exactly as it was.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class SeriesFileProperties(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    private string[] Codes(SocLevel level) => _release.Soc2010.AtLevel(level).Select(g => g.Code.ToString()).ToArray();

    private sealed record FlowRow(string Region, string Code, long Flow);

    [Fact]
    public void Flows_with_random_signs_are_conserved_per_dimension_and_in_their_parts()
    {
        var codes = Codes(SocLevel.Unit).Concat(Codes(SocLevel.SubMajor)).ToArray();
        var rows = (from region in Gen.Elements("north", "south", "wales")
                    from code in Gen.Elements(codes)
                    from flow in Gen.Choose(-2_000_000, 2_000_000)
                    select new FlowRow(region, code, flow)).ArrayOf().Where(r => r.Length > 0);
        Prop.ForAll(rows.ToArbitrary(), data =>
        {
            using var dir = new TempDirectory();
            var input = dir.Write("in.csv", "region,soc2010,change\n" + string.Concat(data.Select(r => $"{r.Region},{r.Code},{r.Flow}\n")));
            var report = SeriesFileRunner.Run(_release, new SeriesFileRequest(input, dir.File("out.csv"),
                new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Flow("change")], SumDuplicates = true }));
            var output = ReadTable(dir.File("out.csv"));
            foreach (var region in data.Select(r => r.Region).Distinct())
            {
                var expected = (double)data.Where(r => r.Region == region).Sum(r => r.Flow);
                var actual = output.Rows.Where(r => r[0] == region).Sum(r => Number(r[output.Index("change")]));
                var gross = data.Where(r => r.Region == region).Sum(r => Math.Abs((double)r.Flow));
                Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, gross), $"{region}: in {expected}, out {actual}");
            }
            var c = report.Result.Reconciliation.Columns.Single();
            Assert.Equal((double)data.Where(r => r.Flow > 0).Sum(r => r.Flow), c.InPositive, 3);
            Assert.Equal((double)data.Where(r => r.Flow < 0).Sum(r => r.Flow), c.InNegative, 3);
            Assert.True(c.Balances);
            Assert.Equal(0, report.Result.Reconciliation.RowsRejected);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Fact]
    public void Selecting_columns_by_pattern_writes_the_same_bytes_as_naming_them_one_by_one()
    {
        var codes = Codes(SocLevel.Unit);
        var gen = from years in Gen.SubListOf(Enumerable.Range(2001, 30).ToArray()).Where(y => y.Count > 0)
                  from others in Gen.SubListOf(new[] { "source", "notes" })
                  from shuffled in Gen.Shuffle(years.Select(y => y.ToString(CultureInfo.InvariantCulture)).Concat(others).ToArray())
                  from rows in (from code in Gen.Elements(codes)
                                from region in Gen.Elements("north", "south")
                                from values in Gen.Choose(0, 100_000).ArrayOf(shuffled.Length)
                                select (code, region, values)).ArrayOf().Where(r => r.Length > 0)
                  select (Header: shuffled, Rows: rows);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            using var dir = new TempDirectory();
            var text = new StringBuilder("region,soc2010," + string.Join(",", x.Header) + "\n");
            foreach (var (code, region, values) in x.Rows)
                text.Append(region).Append(',').Append(code).Append(',')
                    .Append(string.Join(",", values.Select((v, i) => x.Header[i] is "source" or "notes" ? "s" + (v % 3) : v.ToString(CultureInfo.InvariantCulture)))).Append('\n');
            var input = dir.Write("in.csv", text.ToString());
            var years = x.Header.Where(h => h.StartsWith("20", StringComparison.Ordinal)).ToArray();
            byte[] Output(string name, IReadOnlyList<ValueColumn> values, IReadOnlyList<string> ignore)
            {
                SeriesFileRunner.Run(_release, new SeriesFileRequest(input, dir.File(name), new ApportionOptions
                {
                    From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = values, Ignore = ignore, SumDuplicates = true,
                }));
                return File.ReadAllBytes(dir.File(name));
            }
            var byName = Output("named.csv", years.Select(ValueColumn.Count).ToArray(), x.Header.Where(h => !years.Contains(h)).ToArray());
            var byPattern = Output("pattern.csv", [ValueColumn.Count("/^20\\d\\d$/")], x.Header.Length > years.Length ? ["/^(source|notes)$/"] : []);
            // A comma list, as a command line gives it, split the way the command line splits it.
            var byList = Output("list.csv", ColumnPattern.Split(string.Join(",", years)).Select(ValueColumn.Count).ToArray(), ColumnPattern.Split("source,notes").Where(x.Header.Contains).ToArray());
            Assert.Equal(byName, byPattern);
            Assert.Equal(byName, byList);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20));
    }

    /// <summary>Ways a run can fail after it has been given an output folder.</summary>
    public enum Failure
    {
        UnclosedQuote,
        EveryRowRejected,
        MissingColumn,
        SuspectColumns,
        TooManyRejected,
        OutputIsInput,
        RejectsIsOutput,
        TextNamedXlsx,
        NotUtf8,
        OnlyTotalRows,
    }

    [Fact]
    public void A_run_that_fails_leaves_the_output_folder_exactly_as_it_was()
    {
        var codes = Codes(SocLevel.Unit);
        var gen = from failure in Gen.Elements(Enum.GetValues<Failure>())
                  from rows in Gen.Choose(1, 300)
                  from seed in Gen.Choose(0, int.MaxValue)
                  from previous in Gen.Elements(false, true)
                  select (failure, rows, seed, previous);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            using var dir = new TempDirectory();
            var random = new Random(x.seed);
            var good = new StringBuilder("region,soc2010,jobs,title\n");
            for (var i = 0; i < x.rows; i++) good.Append(CultureInfo.InvariantCulture, $"r{random.Next(5)},{codes[random.Next(codes.Length)]},{random.Next(1000)},t\n");
            var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")], SumDuplicates = true };
            var output = dir.File("out.csv");
            var input = dir.File("in.csv");
            File.WriteAllText(input, good.ToString());
            if (x.previous)
            {
                // A complete earlier output set, and an unrelated file, that a failed run must not touch.
                SeriesFileRunner.Run(_release, new SeriesFileRequest(input, output, options with { Audit = true }, AuditPath: RunFiles.Sidecar(output, "audit.csv")));
                File.WriteAllText(dir.File("notes.txt"), "kept");
            }
            string? rejects = null;
            var request = (SeriesFileRequest r) => r;
            switch (x.failure)
            {
                case Failure.UnclosedQuote:
                    File.WriteAllText(input, good + "r1,\"2136,5,t\nr2,3545,6,t\n");
                    break;
                case Failure.EveryRowRejected:
                    File.WriteAllText(input, "region,soc2010,jobs,title\n" + string.Concat(Enumerable.Range(0, x.rows).Select(i => $"r{i % 3},99{i % 10}9,{i},t\n")));
                    break;
                case Failure.MissingColumn:
                    options = options with { Values = [ValueColumn.Count("jobs"), ValueColumn.Count("employment")] };
                    break;
                case Failure.SuspectColumns:
                    File.WriteAllText(input, "region,soc2010,jobs,rate\n" + string.Concat(Enumerable.Range(0, x.rows + 2).Select(i => $"r{i % 3},{codes[i % codes.Length]},{i},{i}.5\n")));
                    request = r => r with { StrictColumns = true };
                    break;
                case Failure.TooManyRejected:
                    File.WriteAllText(input, good + $"r1,9999,{1_000_000 + x.rows},t\n");
                    request = r => r with { MaxRejectedShare = 0.01 };
                    break;
                case Failure.OutputIsInput:
                    output = input;
                    break;
                case Failure.RejectsIsOutput:
                    rejects = output;
                    break;
                case Failure.TextNamedXlsx:
                    File.Delete(input);
                    input = dir.Write("in.xlsx", good.ToString());
                    break;
                case Failure.NotUtf8:
                    File.WriteAllBytes(input, [.. Encoding.UTF8.GetBytes(good.ToString()), .. Encoding.Latin1.GetBytes("Ynys Môn,2136,5,t\n")]);
                    break;
                case Failure.OnlyTotalRows:
                    File.WriteAllText(input, "region,soc2010,jobs,title\n" + string.Concat(Enumerable.Range(0, x.rows).Select(i => $"r{i},All occupations,{i},t\n")));
                    break;
            }
            if (x.failure is not Failure.SuspectColumns) options = options with { Ignore = ["title"] };
            var before = Snapshot(dir.Path);
            var thrown = Record.Exception(() => SeriesFileRunner.Run(_release, request(new SeriesFileRequest(input, output, options, rejects))));
            Assert.True(thrown is InvalidDataException or SeriesRunException or RunFileConflictException, $"{x.failure}: {thrown?.GetType().Name}: {thrown?.Message}");
            var after = Snapshot(dir.Path);
            Assert.True(before.SequenceEqual(after), $"{x.failure}: before {Describe(before)}; after {Describe(after)}");
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }
}
