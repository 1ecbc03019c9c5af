using System.Diagnostics;
using Microsoft.Extensions.Options;
using SocBridge.Api.Services;
using SocBridge.Core.Release;

namespace SocBridge.Api.Infrastructure;

/// <summary>Something built once before the instance reports ready (a model, an index, a page).</summary>
internal interface IWarmUpStep
{
    /// <summary>What is built, as shown by <c>/health/ready</c> while it is pending.</summary>
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Whether the instance is ready: every warm-up step has finished and the host is not stopping. Liveness
/// (<c>/health</c>) only says the process answers; readiness (<c>/health/ready</c>) says it answers quickly.
/// </summary>
internal sealed class Readiness(IHostApplicationLifetime lifetime)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _failed = [];
    private bool _started;

    /// <summary>True once warm-up has run to the end without a failure, until the host begins to stop.</summary>
    public bool IsReady
    {
        get
        {
            lock (_gate) return _started && _pending.Count == 0 && _failed.Count == 0 && !lifetime.ApplicationStopping.IsCancellationRequested;
        }
    }

    public bool IsStopping => lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Steps still running and steps that failed, for the readiness answer.</summary>
    public (string[] Pending, string[] Failed) State()
    {
        lock (_gate) return ([.. _pending.Order(StringComparer.Ordinal)], [.. _failed]);
    }

    internal void Begin(IEnumerable<string> steps)
    {
        lock (_gate)
        {
            foreach (var step in steps) _pending.Add(step);
            _started = true;
        }
    }

    internal void Done(string step, bool succeeded)
    {
        lock (_gate)
        {
            _pending.Remove(step);
            if (!succeeded) _failed.Add(step);
        }
    }
}

/// <summary>
/// Runs the warm-up steps in the background once the host has started, so that liveness answers at once
/// and readiness turns true when they are done. With <see cref="ApiOptions.WarmUpAtStart"/> false only the
/// release itself is checked; models are then built on first use.
/// </summary>
internal sealed class WarmUpService(
    SocRelease release, IEnumerable<IWarmUpStep> steps, Readiness readiness, IOptions<ApiOptions> options, ILogger<WarmUpService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var chosen = steps.Where(s => options.Value.WarmUpAtStart || s is SearchIndexWarmUp).ToArray();
        readiness.Begin(chosen.Select(s => s.Name));
        logger.LogInformation("Serving crosswalk release {ReleaseId} ({Soc2010} SOC2010 and {Soc2020} SOC2020 groups)",
            release.ReleaseId, release.Soc2010.Count, release.Soc2020.Count);
        // One step at a time: they are CPU-bound and the machine's cores also answer requests meanwhile.
        foreach (var step in chosen)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                // WaitAsync: stopping the host does not wait for a model that is still being built.
                await Task.Run(() => step.RunAsync(stoppingToken), stoppingToken).WaitAsync(stoppingToken);
                readiness.Done(step.Name, true);
                logger.LogInformation("Built {Step} in {ElapsedMs:0} ms", step.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                readiness.Done(step.Name, false);
                logger.LogError(e, "Warm-up step {Step} failed; the instance will not report ready", step.Name);
            }
        }
        if (readiness.IsReady) logger.LogInformation("Ready");
    }
}

/// <summary>The search index over the coding index.</summary>
internal sealed class SearchIndexWarmUp(SocRelease release) : IWarmUpStep
{
    public string Name => "search index";

    public Task RunAsync(CancellationToken cancellationToken)
    {
        release.Index.Search("warm up", 1);
        _ = release.Descriptions.Count;
        return Task.CompletedTask;
    }
}

/// <summary>The free-text coder of <c>/v1/code</c>.</summary>
internal sealed class CoderWarmUp(CodeService coder) : IWarmUpStep
{
    public string Name => "free-text coder";

    public Task RunAsync(CancellationToken cancellationToken) => coder.Ready();
}

/// <summary>The audit report page of <c>/audit</c>.</summary>
internal sealed class AuditWarmUp(AuditService audit) : IWarmUpStep
{
    public string Name => "audit page";

    public Task RunAsync(CancellationToken cancellationToken) => audit.Page();
}
