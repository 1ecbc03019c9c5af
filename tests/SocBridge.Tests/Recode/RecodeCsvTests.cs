using System.Text;
using SocBridge.Recode.Io;
using SocBridge.Recode.Recoding;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class RecodeCsvTests(RecodeFixture fixture)
{
    private RecodeCsvReport Run(TempDirectory dir, string inputPath, double threshold = RecodeOptions.DefaultThreshold) =>
        RecodeCsvRunner.Run(fixture.WithThreshold(threshold), new RecodeCsvRequest(inputPath, dir.File("out.csv"), "job", "code", dir.File("review.csv"), dir.File("rejects.csv")));

    [Fact]
    public void Every_row_is_written_or_rejected_and_input_columns_are_kept()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "id,job,code\n1,Account manager (sales),3545\n2,Stores hand,9260\n3,\"Manager, account (marketing)\",3545\n4,Anything at all,1115\n5,Bad code,12345\n6,too,many,fields\n");
        var report = Run(dir, input);
        Assert.Equal(6, report.RowsRead);
        Assert.Equal(1, report.Rejected);
        Assert.Equal(report.RowsRead, report.Written + report.Rejected);
        var rows = CsvRows.Read(dir.File("out.csv"));
        Assert.Equal(["1", "2", "3", "4", "5"], rows.Select(r => r["id"]));
        Assert.Equal("3556", rows[0]["soc2020"]);
        Assert.Equal("exact_title", rows[0]["method"]);
        Assert.Equal("2432", rows[2]["soc2020"]);
        Assert.Equal("one_to_one", rows[3]["method"]);
        Assert.Equal("invalid", rows[4]["method"]);
        Assert.Equal("", rows[4]["soc2020"]);
        var rejects = CsvRows.Read(dir.File("rejects.csv"));
        Assert.Equal("7", Assert.Single(rejects)["line"]);
    }

    [Fact]
    public void Titles_for_review_list_their_top_three_candidates_with_evidence()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "job,code\nBusiness development lead,3545\n");
        var report = Run(dir, input, threshold: 1);
        Assert.Equal(1, report.ForReview);
        var review = CsvRows.Read(dir.File("review.csv"));
        Assert.Equal(["1", "2", "3"], review.Select(r => r["rank"]));
        Assert.All(review, r => Assert.Equal("2", r["line"]));
        Assert.NotEqual("", review[0]["nearest_index_titles"]);
        Assert.Equal("review", CsvRows.Read(dir.File("out.csv"))[0]["method"]);
    }

    [Fact]
    public void A_huge_line_is_rejected_with_its_line_number_and_the_rest_is_recoded()
    {
        using var dir = new TempDirectory();
        var huge = new string('x', 200_000);
        var input = dir.Write("in.csv", $"job,code\nAccount manager (sales),3545\n{huge},3545\nStores hand,9260\n");
        var report = Run(dir, input);
        Assert.Equal(2, report.Written);
        var reject = Assert.Single(CsvRows.Read(dir.File("rejects.csv")));
        Assert.Equal("3", reject["line"]);
        Assert.Contains("200,000 characters", reject["reason"]);
        Assert.True(reject["job"].Length < 2000);
    }

    [Fact]
    public void Rows_with_bytes_that_are_not_utf8_are_rejected_with_their_line_numbers()
    {
        using var dir = new TempDirectory();
        var path = dir.File("in.csv");
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("job,code\nAccount manager (sales),3545\nCaf"));
        bytes.AddRange([0xE9, 0xFF]);
        bytes.AddRange(Encoding.UTF8.GetBytes(" manager,9260\nStores hand,9260\n"));
        File.WriteAllBytes(path, [.. bytes]);
        var report = Run(dir, path);
        Assert.Equal(3, report.RowsRead);
        Assert.Equal(2, report.Written);
        var reject = Assert.Single(CsvRows.Read(dir.File("rejects.csv")));
        Assert.Equal("3", reject["line"]);
        Assert.Contains("UTF-8", reject["reason"]);
    }

    [Fact]
    public void A_missing_column_or_an_empty_file_is_an_input_error()
    {
        using var dir = new TempDirectory();
        Assert.Throws<InvalidDataException>(() => Run(dir, dir.Write("a.csv", "title,code\nX,3545\n")));
        Assert.Throws<InvalidDataException>(() => Run(dir, dir.Write("b.csv", "")));
        Assert.False(File.Exists(dir.File("out.csv")));
    }
}
