using System.Globalization;
using System.Text;
using ExcelDataReader;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Release.Samples;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Samples;

/// <summary>
/// The Working-Futures-style workbook, written from the committed APS sample into a temporary folder (it is
/// generated where it is used, not committed): the same sample gives the same bytes, and its sheets hold what the
/// demo and the README say they hold.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class WorkingFuturesSampleTests : IDisposable
{
    private readonly SocRelease _release;
    private readonly TempDirectory _dir = new();
    private readonly string _workbook;

    public WorkingFuturesSampleTests(ReleaseFixture fixture)
    {
        _release = fixture.Release;
        _workbook = Path.Combine(_dir.File("first"), WorkingFuturesSample.FileName);
        WorkingFuturesSample.Write(Aps, _workbook, _release.Soc2010);
    }

    private static string Aps => Path.Combine(RepoPaths.Samples, SampleBuilder.ApsSoc2010File);

    [Fact]
    public void Writing_the_workbook_twice_gives_the_same_bytes_and_the_APS_sample_s_modification_time()
    {
        var second = Path.Combine(_dir.File("second"), WorkingFuturesSample.FileName);
        WorkingFuturesSample.Write(Aps, second, _release.Soc2010);
        var bytes = File.ReadAllBytes(_workbook);
        Assert.True(bytes.Length > 10_000, $"the workbook has {bytes.Length} bytes");
        Assert.Equal(bytes, File.ReadAllBytes(second));
        Assert.Equal(File.GetLastWriteTimeUtc(Aps), File.GetLastWriteTimeUtc(_workbook));
        Assert.Equal(File.GetLastWriteTimeUtc(Aps), File.GetLastWriteTimeUtc(second));
        // Written through a temporary file that is renamed into place: nothing else is left in the folder.
        Assert.Equal([WorkingFuturesSample.FileName], Directory.GetFileSystemEntries(_dir.File("second")).Select(Path.GetFileName));
    }

    [Fact]
    public void The_UK_sheet_holds_the_APS_sample_for_2017_to_2021_as_the_sum_of_the_twelve_regions_and_nations()
    {
        var sheet = ReadSheet(WorkingFuturesSample.EmploymentSheetUk);
        string[] areas = ["North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands", "East", "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland"];
        var aps = new Dictionary<(string Year, string Area, string Code), double>();
        using (var reader = new SocBridge.Core.Csv.CsvRecordReader(new StreamReader(Aps), Aps))
            while (reader.Read())
                if (reader.GetString("area_type") is "region" or "country" && areas.Contains(reader.GetString("area_name")))
                    aps[(reader.GetString("year"), reader.GetString("area_name"), reader.GetString("soc2010"))] =
                        double.Parse(reader.GetString("employment"), CultureInfo.InvariantCulture);
        Assert.Equal(5 * 12 * 25, aps.Count);
        for (var year = WorkingFuturesSample.ApsFirst; year <= WorkingFuturesSample.ApsLast; year++)
        {
            var y = year.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(aps.Where(kv => kv.Key.Year == y).Sum(kv => kv.Value), sheet.Total[y], 6);
            Assert.Equal(aps.Where(kv => kv.Key.Year == y).Sum(kv => kv.Value), sheet.Data.Sum(row => row[y]), 6);
        }
        Assert.Equal(25, sheet.Data.Count);
    }

    [Fact]
    public void Every_year_of_the_employment_sheet_goes_through_by_one_pattern_with_the_total_row_as_a_check()
    {
        var sheet = ReadSheet(WorkingFuturesSample.EmploymentSheetUk);
        var report = SeriesFileRunner.Run(_release, new SeriesFileRequest(_workbook, _dir.File("employment.csv"), new ApportionOptions
        {
            From = SocVersion.Soc2010, CodeColumn = WorkingFuturesSample.CodeColumn, Values = [ValueColumn.Count("/^20\\d\\d$/")],
        }) { Sheet = WorkingFuturesSample.EmploymentSheetUk });

        var years = Enumerable.Range(2007, 21).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(years, report.Options.Values.Select(v => v.Name));
        var r = report.Result.Reconciliation;
        Assert.Equal(25, r.RowsRead);
        Assert.Equal(1, r.TotalRows);
        Assert.Equal(0, r.RowsRejected);
        foreach (var year in years)
        {
            var data = sheet.Data.Sum(row => row[year]);
            var column = r.Columns.Single(c => c.Column == year);
            // The "All occupations" row is not data: total in is the 25 groups alone, and it equals the stated total.
            Assert.Equal(data, column.In);
            Assert.Equal(sheet.Total[year], column.In);
            Assert.Equal(data, column.Out, 6);
        }
        Assert.All(report.Result.TotalChecks, t => Assert.True(t.Matches));
        Assert.Equal(21, report.Result.TotalChecks.Count);
        Assert.Equal(26, report.Result.Cells.Count);
        Assert.Equal(25, report.Result.LabelledCodes);
        Assert.Empty(report.Result.TitleMismatches);
    }

    [Fact]
    public void Replacement_demand_keeps_negative_flows_and_the_identity_holds_in_every_output_row()
    {
        var sheet = ReadSheet(WorkingFuturesSample.ReplacementSheet);
        var flows = WorkingFuturesSample.FlowColumns;
        Assert.Contains(sheet.Data, row => row["Expansion demand"] < 0);
        Assert.Contains(sheet.Data, row => row["Occupational mobility"] < 0);
        var output = _dir.File("replacement.csv");
        var report = SeriesFileRunner.Run(_release, new SeriesFileRequest(_workbook, output, new ApportionOptions
        {
            From = SocVersion.Soc2010, CodeColumn = WorkingFuturesSample.CodeColumn,
            Values = [ValueColumn.Count(WorkingFuturesSample.BaseYearColumn), .. flows.Select(ValueColumn.Flow)],
        }) { Sheet = WorkingFuturesSample.ReplacementSheet });

        foreach (var name in flows)
        {
            var column = report.Result.Reconciliation.Columns.Single(c => c.Column == name);
            Assert.Equal("flow", column.Kind);
            Assert.Equal(sheet.Data.Sum(row => row[name]), column.In, 6);
            Assert.Equal(sheet.Data.Where(row => row[name] < 0).Sum(row => row[name]), column.InNegative, 6);
            Assert.Equal(column.In, column.Out, 6);
            Assert.Equal(0, column.Rejected);
        }
        var rows = File.ReadAllLines(output);
        var header = rows[0].Split(',');
        double Value(string[] fields, string name) => double.Parse(fields[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        var data = rows.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(26, data.Length);
        Assert.Contains(data, f => Value(f, "Expansion demand") < 0);
        foreach (var f in data)
        {
            var total = Value(f, "Total requirement");
            Assert.True(Math.Abs(total - Value(f, "Expansion demand") - Value(f, "Replacement demand")) <= 1e-9 * Math.Max(1, Math.Abs(total)), string.Join(",", f));
            var replacement = Value(f, "Replacement demand");
            var parts = Value(f, "Retirements") + Value(f, "Mortality") + Value(f, "Occupational mobility") + Value(f, "Geographical mobility");
            Assert.True(Math.Abs(replacement - parts) <= 1e-9 * Math.Max(1, Math.Abs(replacement)), string.Join(",", f));
        }
    }

    /// <summary>The sheet's data rows and its total row, read with the workbook reader directly (not the engine's).</summary>
    private (List<Dictionary<string, double>> Data, Dictionary<string, double> Total) ReadSheet(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(_workbook);
        using var excel = ExcelReaderFactory.CreateReader(stream);
        do
        {
            if (excel.Name != name) continue;
            string[]? header = null;
            var data = new List<Dictionary<string, double>>();
            Dictionary<string, double>? total = null;
            while (excel.Read())
            {
                var first = Convert.ToString(excel.GetValue(0), CultureInfo.InvariantCulture) ?? "";
                if (header is null)
                {
                    if (first == WorkingFuturesSample.CodeColumn)
                        header = Enumerable.Range(0, excel.FieldCount).Select(i => Convert.ToString(excel.GetValue(i), CultureInfo.InvariantCulture) ?? "").ToArray();
                    continue;
                }
                var row = Enumerable.Range(1, header.Length - 1).ToDictionary(i => header[i], i => (double)excel.GetValue(i));
                if (first == "All occupations") total = row;
                else data.Add(row);
            }
            return (data, total!);
        }
        while (excel.NextResult());
        throw new InvalidOperationException($"no sheet {name}");
    }

    public void Dispose() => _dir.Dispose();
}
