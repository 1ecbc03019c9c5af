using System.Globalization;
using SocBridge.Recode.Io;
using SocBridge.Recode.Recoding;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class StreamingCodeTests(RecodeFixture fixture)
{
    /// <summary>Adverts with repeats (some differing only in case, spacing or advert words), empty titles, bad codes and an industry.</summary>
    private static string Adverts()
    {
        string[] titles =
        [
            "Care assistant", "CARE ASSISTANT", "care  assistant - part time", "Senior software engineer - London", "HGV driver", "Bar supervisor",
            "Bar staff", "Account manager", "Account manager (sales)", "", "Warehouse operative", "Nurse", "Machine operator", "Care assistant",
            "Snr sofware enginer", "Teacher", "Bar supervisor", "Sales assistant £9ph",
        ];
        string[] codes = ["6145", "6145", "6145", "2136", "8211", "9274", "9274", "3545", "3545", "2136", "9260", "2231", "8119", "x", "2136", "", "9274", "7111"];
        string[] industries = ["", "", "", "J", "", "56", "", "", "", "", "", "Q", "textile mfr", "", "", "P", "", "G"];
        var lines = new List<string> { "advert_id,job_title,soc2010,sic2007" };
        for (var i = 0; i < 60; i++)
        {
            var k = (i * 7) % titles.Length;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"A{i:D3},\"{titles[k]}\",{codes[k]},{industries[k]}"));
        }
        return string.Join('\n', lines) + "\n";
    }

    [Theory]
    [InlineData(1000, 100_000)]
    [InlineData(7, 5)]
    public void Streaming_free_text_coding_equals_coding_row_by_row_and_keeps_the_input_order(int chunkRows, int cacheEntries)
    {
        using var dir = new TempDirectory();
        var input = dir.Write("adverts.csv", Adverts());
        var request = new CodeCsvRequest(input, dir.File("out.csv"), "job_title", dir.File("rejects.csv"), IndustryColumn: "sic2007")
        { ChunkRows = chunkRows, CacheEntries = cacheEntries };
        var report = CodeCsvRunner.Run(fixture.Coder, null, request);
        var output = CsvRows.Read(dir.File("out.csv"));
        var given = CsvRows.Read(input);
        Assert.Equal(60, report.RowsRead);
        Assert.Equal(given.Select(r => r["advert_id"]), output.Select(r => r["advert_id"]));
        // "Care assistant", "CARE ASSISTANT" and "care  assistant - part time" are one title once read.
        if (cacheEntries > 60) Assert.True(report.TitlesCoded < report.DistinctTitles, $"{report.TitlesCoded} coded of {report.DistinctTitles} distinct");
        for (var i = 0; i < given.Count; i++)
        {
            var single = fixture.Coder.Code(given[i]["job_title"], 2, given[i]["sic2007"]);
            Assert.Equal(given[i]["job_title"], output[i]["job_title"]);
            Assert.Equal((i + 2).ToString(CultureInfo.InvariantCulture), output[i]["line"]);
            Assert.Equal(single.Best?.Soc2020.ToString() ?? "", output[i]["soc2020"]);
            // The input has a soc2010 column of its own, so the coded one is soc2010_coded.
            Assert.Equal(given[i]["soc2010"], output[i]["soc2010"]);
            Assert.Equal(single.Best?.Soc2010?.ToString() ?? "", output[i]["soc2010_coded"]);
            Assert.Equal(single.Best is null ? "no_match" : "free_text", output[i]["method"]);
            if (single.Best is { } best) Assert.Equal(best.Probability, double.Parse(output[i]["score"], CultureInfo.InvariantCulture), 4);
        }
    }

    [Fact]
    public void With_a_code_column_rows_are_recoded_as_the_recoder_does_them_one_by_one()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("adverts.csv", Adverts());
        var request = new CodeCsvRequest(input, dir.File("out.csv"), "job_title", dir.File("rejects.csv"), "sic2007", "soc2010") { ChunkRows = 11, CacheEntries = 9 };
        var report = CodeCsvRunner.Run(fixture.Coder, fixture.Recoder, request);
        var output = CsvRows.Read(dir.File("out.csv"));
        var given = CsvRows.Read(input);
        Assert.Equal(given.Select(r => r["advert_id"]), output.Select(r => r["advert_id"]));
        var recoded = 0;
        for (var i = 0; i < given.Count; i++)
        {
            var one = fixture.Recoder.RecodeFreeText([new RecodeInput(given[i]["job_title"], given[i]["soc2010"], given[i]["sic2007"])])[0];
            if (one.Method == RecodeMethod.Invalid)
            {
                // A row without a usable SOC2010 code is coded from its title alone.
                Assert.Contains(output[i]["method"], new[] { "free_text", "no_match", "review" });
                continue;
            }
            recoded++;
            Assert.Equal(one.Method.Name(), output[i]["method"]);
            Assert.Equal(one.Soc2020?.ToString() ?? "", output[i]["soc2020"]);
            Assert.Equal(Math.Round(one.Confidence, 4), double.Parse(output[i]["score"], CultureInfo.InvariantCulture), 4);
        }
        Assert.Equal(recoded, report.Recoded);
        Assert.True(recoded > 40);
    }

    [Fact]
    public void Unreadable_rows_go_to_the_rejects_file_and_the_rest_keep_their_order()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("adverts.csv", "id,title\n1,Nurse\n2,Chef,extra\n3,Teacher\n");
        var report = CodeCsvRunner.Run(fixture.Coder, null, new CodeCsvRequest(input, dir.File("out.csv"), "title", dir.File("rejects.csv")) { ChunkRows = 1 });
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(1, report.Rejected);
        Assert.Equal(["1", "3"], CsvRows.Read(dir.File("out.csv")).Select(r => r["id"]));
        var rejects = File.ReadAllLines(dir.File("rejects.csv"));
        Assert.StartsWith("3,", rejects[1]);
    }
}
