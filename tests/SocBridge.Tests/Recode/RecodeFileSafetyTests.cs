using SocBridge.Recode.Io;
using SocBridge.Tests.Cli;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Recode;

/// <summary>The input of a recode or code run is never written over, and a run publishes all of its files or none.</summary>
[Collection(RecodeCollection.Name)]
public class RecodeFileSafetyTests(RecodeFixture fixture)
{
    private const string Input = "id,job,code\n1,Account manager (sales),3545\n2,Stores hand,9260\n3,too,many,fields\n";

    [Theory]
    [InlineData("output")]
    [InlineData("review")]
    [InlineData("rejects")]
    public void Recode_refuses_an_output_on_its_input_and_leaves_the_input_as_it_was(string role)
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", Input);
        string Path(string r, string name) => r == role ? input : dir.File(name);
        var request = new RecodeCsvRequest(input, Path("output", "out.csv"), "job", "code", Path("review", "review.csv"), Path("rejects", "rejects.csv"));
        var e = Assert.Throws<ArgumentException>(() => RecodeCsvRunner.Run(fixture.Recoder, request));
        Assert.Contains($"the {role} file {input} is the input file", e.Message);
        Assert.Equal(Input, File.ReadAllText(input));
        Assert.Equal(["in.csv"], dir.Names());
    }

    [Fact]
    public void Code_refuses_an_output_that_reaches_its_input_through_a_symbolic_link()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", Input);
        var link = dir.File("link.csv");
        File.CreateSymbolicLink(link, input);
        var e = Assert.Throws<ArgumentException>(() => CodeCsvRunner.Run(fixture.Coder, null, new CodeCsvRequest(input, link, "job", dir.File("rejects.csv"))));
        Assert.Contains($"the output file {link} is the input file {input}", e.Message);
        Assert.Equal(Input, File.ReadAllText(input));
        Assert.Equal(["in.csv", "link.csv"], dir.Names());
    }

    [Fact]
    public void Two_outputs_on_one_file_are_refused()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", Input);
        var e = Assert.Throws<ArgumentException>(() => RecodeCsvRunner.Run(fixture.Recoder,
            new RecodeCsvRequest(input, dir.File("out.csv"), "job", "code", dir.File("same.csv"), dir.File("same.csv"))));
        Assert.Contains("the rejects file and the review file are both", e.Message);
        Assert.Equal(["in.csv"], dir.Names());
    }

    [Fact]
    public void A_run_that_cannot_write_its_last_file_publishes_none_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", Input);
        var blocker = dir.Write("not-a-folder", "");
        // The rejects file is written last; its folder cannot be made because a file has that name.
        var request = new RecodeCsvRequest(input, dir.File("out.csv"), "job", "code", dir.File("review.csv"), Path.Combine(blocker, "rejects.csv"));
        Assert.ThrowsAny<IOException>(() => RecodeCsvRunner.Run(fixture.Recoder, request));
        Assert.Equal(["in.csv", "not-a-folder"], dir.Names());
        var code = new CodeCsvRequest(input, dir.File("coded.csv"), "job", Path.Combine(blocker, "rejects.csv"));
        Assert.ThrowsAny<IOException>(() => CodeCsvRunner.Run(fixture.Coder, null, code));
        Assert.Equal(["in.csv", "not-a-folder"], dir.Names());
    }

    [Fact]
    public void Temporary_files_of_a_killed_run_are_removed_by_the_next_run_to_the_same_outputs()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", Input);
        dir.Write(".out.csv.4242.0123456789abcdef0123456789abcdef.tmp", "half a file");
        RecodeCsvRunner.Run(fixture.Recoder, new RecodeCsvRequest(input, dir.File("out.csv"), "job", "code", dir.File("review.csv"), dir.File("rejects.csv")));
        Assert.Equal(["in.csv", "out.csv", "rejects.csv", "review.csv"], dir.Names());
    }

    [Theory]
    [InlineData("recode", "--code-column", "code")]
    [InlineData("code")]
    public void The_command_exits_with_a_usage_error_and_names_both_paths(string verb, params string[] more)
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", Input);
        var run = CliRunner.Invoke([verb, "--in", input, "--out", input, "--title-column", "job", .. more]);
        Assert.Equal(1, run.Exit);
        Assert.Contains($"error: the output file {input} is the input file; the input is never written over", run.Error);
        Assert.Equal(Input, File.ReadAllText(input));
        Assert.Equal(["in.csv"], dir.Names());
    }
}
