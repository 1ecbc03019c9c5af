using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocBridge.Core.Files;
using SocBridge.Core.Release;
using Spectre.Console;

namespace SocBridge.Cli.Infrastructure;

/// <summary>What a running command needs: where to write, and the release to work on.</summary>
public sealed class CliContext(ParseResult parseResult)
{
    public TextWriter Out { get; } = parseResult.InvocationConfiguration.Output;
    public TextWriter Error { get; } = parseResult.InvocationConfiguration.Error;
    public DirectoryInfo? ReleaseDirectory { get; } = CommonOptions.RootValue<DirectoryInfo?>(parseResult, CommonOptions.ReleaseName);

#if !SOCBRIDGE_NATIVE
    /// <summary>snake_case, indented, non-ASCII left readable; read-only, so safe to share.</summary>
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

#endif
    /// <summary>
    /// Loads the release in use (the folder given with --release, or the one built in). A command that writes files
    /// names them (or its output folder) in <paramref name="outputs"/>: one inside the release folder is refused, since
    /// the release is read and never written.
    /// </summary>
    /// <exception cref="ArgumentException">An output is inside the release folder.</exception>
    public SocRelease LoadRelease(params string?[] outputs)
    {
        if (ReleaseDirectory is not { } dir) return SocRelease.LoadEmbedded();
        var separator = Path.DirectorySeparatorChar;
        var release = FilePaths.Canonical(dir.FullName).TrimEnd(separator) + separator;
        foreach (var output in outputs)
            if (output is not null && (FilePaths.Canonical(output).TrimEnd(separator) + separator).StartsWith(release, StringComparison.Ordinal))
                throw new ArgumentException($"{output} is inside the release folder {dir.FullName}; the release is read, never written: choose an output outside it");
        return SocRelease.LoadDirectory(dir.FullName);
    }

#if !SOCBRIDGE_NATIVE
    // Reflection: the verbs that write JSON this way are in the managed build only.
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, Json));
#endif

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

    /// <summary>
    /// Runs a command body, turning every failure into a one-line message on stderr and a documented exit
    /// status (the exception in full only with --verbose).
    /// </summary>
    public static int Run(ParseResult parseResult, Func<CliContext, int> body)
    {
        var context = new CliContext(parseResult);
        var verbose = CommonOptions.RootValue<bool>(parseResult, CommonOptions.VerboseName);
        int Fail(int status, string message, Exception e)
        {
            context.Error.WriteLine($"error: {message}");
            if (verbose) context.Error.WriteLine(e.ToString());
            return status;
        }
        try
        {
            return body(context);
        }
        catch (ReleaseIntegrityException e)
        {
            return Fail(ExitCodes.ReleaseInvalid, $"the release is not valid: {e.Message}", e);
        }
        catch (SocBridge.Apportion.Io.RunFileConflictException e)
        {
            return Fail(ExitCodes.UsageError, e.Message, e);
        }
        catch (SocBridge.Apportion.Io.SeriesRunException e)
        {
            return Fail(e.Failure == SocBridge.Apportion.Io.SeriesRunFailure.DoesNotReconcile ? ExitCodes.Failed : ExitCodes.BadInput, e.Message, e);
        }
        catch (SocBridge.Core.Csv.CsvDataException e)
        {
            return Fail(ExitCodes.BadInput, e.Message, e);
        }
        catch (InvalidDataException e)
        {
            return Fail(ExitCodes.BadInput, e.Message, e);
        }
        catch (ArgumentException e)
        {
            return Fail(ExitCodes.UsageError, e.Message.Split(" (Parameter '")[0], e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.Failed, e.Message, e);
        }
        catch (Exception e)
        {
            return Fail(ExitCodes.Failed, $"the command failed unexpectedly: {e.GetType().Name}: {e.Message} (run again with --verbose for details)", e);
        }
    }
}
