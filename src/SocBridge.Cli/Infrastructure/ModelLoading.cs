using System.Globalization;
using SocBridge.Recode;
using Spectre.Console;

namespace SocBridge.Cli.Infrastructure;

/// <summary>Loads cached models for a command, showing the progress of any build on a terminal (stderr) and staying quiet when stderr is piped.</summary>
public static class ModelLoading
{
    /// <summary>The --model-cache option (a new instance per command).</summary>
    public static System.CommandLine.Option<DirectoryInfo?> CacheOption() => new("--model-cache")
    {
        Description = "Folder of cached trained models (default: $SOCBRIDGE_MODEL_CACHE, else $XDG_CACHE_HOME/socbridge/models or ~/.cache/socbridge/models)",
    };

    /// <summary>The model store in <paramref name="directory"/> (or the default folder), telling stderr why a model is trained.</summary>
    public static ModelStore Store(CliContext context, DirectoryInfo? directory) =>
        new(directory?.FullName, message => context.Error.WriteLine(message));

    /// <summary>Runs <paramref name="load"/>, with a progress bar on stderr while a model is trained when stderr is a terminal.</summary>
    public static T Load<T>(CliContext context, string what, Func<IProgress<ModelBuildProgress>?, T> load, Func<T, ModelLoadReport> report)
    {
        T result;
        if (Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error))
        {
            result = load(null);
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            result = default!;
            console.Progress().AutoClear(true).Start(p =>
            {
                ProgressTask? task = null;
                result = load(new Progress(step =>
                {
                    task ??= p.AddTask($"training the {step.Kind}", maxValue: step.Total);
                    task.Value = step.Done;
                    task.Description = $"{step.Kind}: {Markup.Escape(step.Step)}";
                }));
            });
        }
        Tell(context, what, report(result));
        return result;
    }

    /// <summary>
    /// Runs two loads side by side (each reads or trains its own model), with one progress display on stderr for
    /// any training when stderr is a terminal; reports each as <see cref="Load{T}"/> does, first then second.
    /// </summary>
    public static (T1 First, T2 Second) LoadBoth<T1, T2>(CliContext context,
        (string What, Func<IProgress<ModelBuildProgress>?, T1> Load, Func<T1, ModelLoadReport> Report) first,
        (string What, Func<IProgress<ModelBuildProgress>?, T2> Load, Func<T2, ModelLoadReport> Report) second)
    {
        (T1, T2) Run(IProgress<ModelBuildProgress>? progress)
        {
            var other = Task.Run(() => second.Load(progress));
            var one = first.Load(progress);
            return (one, other.GetAwaiter().GetResult());
        }

        (T1 First, T2 Second) result;
        if (Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error))
        {
            result = Run(null);
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            result = default;
            console.Progress().AutoClear(true).Start(p =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                result = Run(new Progress(step =>
                {
                    if (!tasks.TryGetValue(step.Kind, out var task)) tasks[step.Kind] = task = p.AddTask($"training the {step.Kind}", maxValue: step.Total);
                    task.Value = step.Done;
                    task.Description = $"{step.Kind}: {Markup.Escape(step.Step)}";
                }));
            });
        }
        Tell(context, first.What, first.Report(result.First));
        Tell(context, second.What, second.Report(result.Second));
        return result;
    }

    private static void Tell(CliContext context, string what, ModelLoadReport r)
    {
        var seconds = r.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        context.Error.WriteLine(r.FromCache ? $"{what} loaded from the model cache in {seconds} s" : $"{what} trained in {seconds} s and cached in {r.CacheDirectory}");
    }

    /// <summary>Forwards build steps synchronously (the build runs on other threads; Spectre's progress is thread-safe).</summary>
    private sealed class Progress(Action<ModelBuildProgress> report) : IProgress<ModelBuildProgress>
    {
        private readonly Lock _lock = new();

        public void Report(ModelBuildProgress value)
        {
            lock (_lock) report(value);
        }
    }
}
