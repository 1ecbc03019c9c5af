using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocBridge.Core.Release;
using Spectre.Console;

namespace SocBridge.Cli.Infrastructure;

/// <summary>What a running command needs: where to write, and the release to work on.</summary>
public sealed class CliContext(ParseResult parseResult)
{
    public TextWriter Out { get; } = parseResult.InvocationConfiguration.Output;
    public TextWriter Error { get; } = parseResult.InvocationConfiguration.Error;
    public DirectoryInfo? ReleaseDirectory { get; } = parseResult.GetValue(CommonOptions.Release);

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public SocRelease LoadRelease() =>
        ReleaseDirectory is { } dir ? SocRelease.LoadDirectory(dir.FullName) : SocRelease.LoadEmbedded();

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A Spectre console that writes plain text to <see cref="Out"/> (colour only on a terminal).</summary>
    public IAnsiConsole Console()
    {
        var terminal = ReferenceEquals(Out, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 160;
        return console;
    }

    /// <summary>Runs a command body, turning known failures into a message on stderr and an exit status.</summary>
    public static int Run(ParseResult parseResult, Func<CliContext, int> body)
    {
        var context = new CliContext(parseResult);
        try
        {
            return body(context);
        }
        catch (ReleaseIntegrityException e)
        {
            context.Error.WriteLine($"error: the release is not valid: {e.Message}");
            return ExitCodes.ReleaseInvalid;
        }
        catch (SocBridge.Core.Csv.CsvDataException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (InvalidDataException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
