using System.Collections;
using System.Diagnostics;
using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Cluster;
using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// Figure 6: a 3-silo cluster of real processes on loopback and PostgreSQL (deploy/local-cluster.sh with
/// deploy/silo.config.cluster.json), episodes stepping continuously through a .NET client; the silo holding most of
/// them is killed with SIGKILL. Measured: the time until every episode that lived there steps again (reactivated
/// elsewhere from its persisted state), and until the membership table declares the silo dead, beside the
/// failure-detection bound the configuration implies (probe timeout × missed probes).
/// </summary>
public sealed class SiloRecoveryFigure(int? episodes = null) : IBenchFigure
{
    private const string Competition = "spaceship-titanic";
    private const int DeadStatus = 6; // Orleans' SiloStatus.Dead, as the membership table stores it.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromMinutes(2);
    /// <summary>The cluster's limits.maxSteps: a stepper resets an episode that used them up (in one run 18 of 60 did before the freeze).</summary>
    private static readonly EpisodeOptions Options = new() { Competition = Competition, AgentName = "bench", MaxSteps = 500 };

    public int Number => 6;

    public string Title => "Recovery after a silo is killed in a 3-silo loopback cluster (PostgreSQL)";

    public async Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var repository = BenchPaths.RepositoryRoot();
        if (context.Quick && !PostgreSqlInstalled())
            return new FigureResult(Number, Title, [], TimeSpan.Zero,
                Note: "not measured: PostgreSQL is not installed here (scripts/setup.sh installs it; CI has it), so no silo was killed");

        var configuration = DojoConfiguration.Load(Path.Combine(repository, "deploy", "silo.config.cluster.json"), [], new Hashtable());
        var crashBound = configuration.Membership.CrashedSiloDetection();
        var hangBound = configuration.Membership.HungSiloDetection();
        var count = episodes ?? (context.Quick ? 12 : 60);
        var database = "dojo_bench_" + Guid.NewGuid().ToString("N")[..12];
        var dojo = context.DojoCommand.LeadingArguments.FirstOrDefault() ?? context.DojoCommand.Executable;
        context.Log.WriteLine("[6] starting 3 silos (deploy/local-cluster.sh) …");
        try
        {
            await using var cluster = await LocalCluster.UpAsync(repository, dojo, database, silos: 3);
            var connection = cluster.State["CONNECTION"];
            using var client = await LocalClusterClient.ConnectAsync(connection, cluster.ClusterId, cancellationToken);
            try
            {
                var grains = client.Services.GetRequiredService<IClusterClient>();
                var run = Guid.NewGuid().ToString("N")[..6];
                var ids = Enumerable.Range(0, count).Select(i => $"bench6-{run}-{i}").ToArray();
                await Parallel.ForEachAsync(ids, cancellationToken, async (id, _) =>
                {
                    var episode = grains.GetGrain<IEpisodeGrain>(id);
                    Check(await episode.Reset(Options, "open"));
                    Check(await episode.Step(EpisodeAction.RequestInfo("name"), "warm"));
                });
                var rows = new List<FigureRow>();
                var notes = new List<string>();
                // A crash: the process dies and the kernel closes its sockets, so peers see refused connections at once.
                var crash = await DisruptAsync(Disruption.Kill, [2, 3], grains, cluster, connection, ids, context.Log, cancellationToken);
                rows.Add(new FigureRow($"killed silo (SIGKILL): time until all its episodes step again ({crash.Affected} of {count})", crash.Worst, "s",
                    CrashBound, crashBound.TotalSeconds, "s", "< 5 s", crash.Worst < 5));
                rows.Add(new FigureRow("killed silo: time until the membership table declares it dead", crash.DeclaredDead, "s", CrashBound, crashBound.TotalSeconds, "s"));
                notes.Add(crash.Describe());
                if (!context.Quick)
                {
                    // A host that stops answering without closing its connections (frozen, or cut off): only the probes
                    // can tell, so this is where the configured bound shows.
                    var other = crash.Silo == 2 ? 3 : 2;
                    try
                    {
                        var freeze = await DisruptAsync(Disruption.Freeze, [other], grains, cluster, connection, ids, context.Log, cancellationToken);
                        rows.Add(new FigureRow($"frozen silo (SIGSTOP): time until all its episodes step again ({freeze.Affected} of {count})", freeze.Worst, "s",
                            HangBound, hangBound.TotalSeconds, "s"));
                        rows.Add(new FigureRow("frozen silo: time until the membership table declares it dead", freeze.DeclaredDead, "s", HangBound, hangBound.TotalSeconds, "s"));
                        notes.Add(freeze.Describe());
                    }
                    catch (TimeoutException e)
                    {
                        // The frozen silo's rows have no goal; the crash's measured rows stand, and the finding is told.
                        context.Log.WriteLine($"[6] {e.Message}");
                        notes.Add("frozen silo: NOT RECOVERED: " + e.Message);
                    }
                }
                var membership = configuration.Membership;
                notes.Add($"episodes step request_info without pause through one .NET cluster client (attempts abandoned after " +
                          $"{AttemptTimeout.TotalSeconds:F0} s and retried with the same request id {RetryPause.TotalMilliseconds:F0} ms later); " +
                          $"membership (deploy/silo.config.cluster.json): probe timeout {membership.ProbeTimeoutSeconds ?? DojoMembershipOptions.OrleansProbeTimeoutSeconds} s " +
                          $"(stretched up to {hangBound.TotalSeconds / (membership.NumMissedProbesLimit ?? DojoMembershipOptions.OrleansNumMissedProbesLimit)} s for slow answers), " +
                          $"missed probes {membership.NumMissedProbesLimit ?? DojoMembershipOptions.OrleansNumMissedProbesLimit}, " +
                          $"votes {membership.NumVotesForDeathDeclaration?.ToString() ?? "default"}, vote expiry {membership.DeathVoteExpirationSeconds?.ToString() ?? "default"} s" +
                          (context.Quick ? "; quick run: the crash only (the frozen silo runs in the full run)" : ""));
                return new FigureResult(Number, Title, rows, TimeSpan.Zero, Note: string.Join("; ", notes));
            }
            finally
            {
                await client.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await DropDatabaseAsync(database);
        }
    }

    private const string CrashBound = "configured bound for a crash: probe timeout × missed probes";
    private const string HangBound = "configured bound for a hang: max probe timeout × missed probes";

    private enum Disruption { Kill, Freeze }

    private sealed record DisruptionResult(Disruption Kind, int Silo, int Affected, double Worst, double Median, double WorstElsewhere, double DeclaredDead)
    {
        public string Describe() =>
            $"{(Kind == Disruption.Kill ? "kill -9" : "kill -STOP")} of silo {Silo}: its episodes' median {Median:F2} s, " +
            $"slowest episode elsewhere {WorstElsewhere:F2} s";
    }

    /// <summary>
    /// Steps every episode without pause, disrupts the candidate silo holding most of them, and measures until each
    /// of its episodes has completed a step again and the membership table has declared it dead.
    /// </summary>
    private static async Task<DisruptionResult> DisruptAsync(Disruption kind, int[] candidates, IClusterClient grains, LocalCluster cluster,
        string connection, string[] ids, TextWriter log, CancellationToken cancellationToken)
    {
        var (victim, onVictim) = await ChooseVictimAsync(grains, cluster, ids, candidates);
        if (onVictim.Count == 0) throw new InvalidOperationException($"No episode lives on silo {string.Join(" or ", candidates)}; nothing to recover.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var drivers = ids.Select(id => new EpisodeStepper(grains.GetGrain<IEpisodeGrain>(id), kind.ToString())).ToArray();
        var driving = drivers.Select(d => d.RunAsync(stop.Token)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

        log.WriteLine($"[6] {(kind == Disruption.Kill ? "killing" : "freezing")} silo {victim} ({onVictim.Count} of {ids.Length} episodes live there) …");
        // The clock starts as the signal is sent: a SIGKILL takes effect at once, and waiting for the exit adds nothing.
        // A SIGSTOP goes through a `kill` process, so its clock starts once that has delivered it: calls sent while the
        // process started were answered by the silo before it stopped, and counted as recovered (one run: 0.02 s).
        var since = Stopwatch.GetTimestamp();
        if (kind == Disruption.Kill) cluster.KillSilo(victim);
        else
        {
            cluster.FreezeSilo(victim);
            since = Stopwatch.GetTimestamp();
        }
        // A recovery that never comes is a finding, not a reason to hang the suite.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RecoveryLimit);
        TimeSpan? declaredDead = null;
        try
        {
            declaredDead = await WaitDeclaredDeadAsync(connection, cluster.ClusterId, cluster.SiloPort(victim), since, limit.Token);
            var recovered = await Task.WhenAll(drivers.Select(d => d.FirstSuccessAfterAsync(since, limit.Token)));
            var affected = ids.Select((id, i) => (id, i)).Where(e => onVictim.Contains(e.id)).Select(e => recovered[e.i].TotalSeconds).Order().ToArray();
            var others = ids.Select((id, i) => (id, i)).Where(e => !onVictim.Contains(e.id)).Select(e => recovered[e.i].TotalSeconds).ToArray();
            return new DisruptionResult(kind, victim, affected.Length, affected[^1], affected[affected.Length / 2],
                others.Length > 0 ? others.Max() : 0, declaredDead.Value.TotalSeconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var stuck = ids.Select((id, i) => (id, Driver: drivers[i])).Where(e => !e.Driver.SteppedAfter(since)).ToList();
            var errors = stuck.Select(e => e.Driver.LastError ?? "no error (calls unanswered)").GroupBy(error => error).OrderByDescending(g => g.Count())
                .Select(g => $"{g.Count()}× {g.Key}");
            throw new TimeoutException($"After {(kind == Disruption.Kill ? "killing" : "freezing")} silo {victim}, its episodes did not all step again " +
                $"within {RecoveryLimit.TotalSeconds:F0} s: " +
                (declaredDead is { } dead ? $"the membership table declared it dead after {dead.TotalSeconds:F1} s" : "the membership table never declared it dead") +
                $"; {stuck.Count(e => onVictim.Contains(e.id))} of its {onVictim.Count} episodes and {stuck.Count(e => !onVictim.Contains(e.id))} of the others " +
                $"had not stepped; their last errors: {string.Join("; ", errors)}.");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(driving);
            if (kind == Disruption.Freeze) cluster.KillSilo(victim);
        }
    }

    private static bool PostgreSqlInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, "pg_ctlcluster")));

    /// <summary>The candidate silo holding most of the episodes (silo 1 co-hosts the HTTP gateway and is never one), and those episodes.</summary>
    private static async Task<(int Silo, HashSet<string> Episodes)> ChooseVictimAsync(IClusterClient grains, LocalCluster cluster, IReadOnlyList<string> ids, int[] candidates)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var bySilo = candidates.ToDictionary(silo => silo, _ => new HashSet<string>());
        foreach (var id in ids)
        {
            var address = await management.GetActivationAddress(grains.GetGrain<IEpisodeGrain>(id));
            foreach (var silo in candidates)
                if (address?.Endpoint.Port == cluster.SiloPort(silo)) bySilo[silo].Add(id);
        }
        var victim = bySilo.MaxBy(pair => pair.Value.Count);
        return (victim.Key, victim.Value);
    }

    private static async Task<TimeSpan> WaitDeclaredDeadAsync(string connectionString, string clusterId, int port, long since, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT status FROM dojo_membership WHERE deployment_id = @cluster AND port = @port ORDER BY generation DESC LIMIT 1", connection);
        query.Parameters.AddWithValue("cluster", clusterId);
        query.Parameters.AddWithValue("port", port);
        while (true)
        {
            if (await query.ExecuteScalarAsync(cancellationToken) is int status && status == DeadStatus)
                return Stopwatch.GetElapsedTime(since);
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static async Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var admin = new NpgsqlConnection("Host=127.0.0.1;Port=5432;Database=mledojo;Username=mledojo;Password=mledojo");
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // PostgreSQL never came up (the figure then failed already, saying why); nothing was created.
        }
    }

    private static void Check(StepResult result)
    {
        if (result.Error is not null) throw new InvalidOperationException("An episode refused a bench call: " + result.Error);
    }

    /// <summary>
    /// Steps one episode without pause, resetting it when its steps are spent; a failed or stuck attempt is retried
    /// with the same request id.
    /// </summary>
    /// <param name="calls">Prefixes this stepper's request ids: an episode keeps its answered ids (its resets' for good).</param>
    private sealed class EpisodeStepper(IEpisodeGrain episode, string calls)
    {
        private readonly List<(long Sent, long Answered)> _successes = [];
        private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The last failed attempt's exception, for a recovery that never comes.</summary>
        public string? LastError { get; private set; }

        public bool SteppedAfter(long since)
        {
            lock (_successes) return _successes.Any(s => s.Sent > since);
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var resetNext = false;
            for (var call = 0; !cancellationToken.IsCancellationRequested; call++)
            {
                // A reset answered proves the episode reachable as a step does; each call keeps its id across retries.
                var requestId = $"{calls}-{(resetNext ? "r" : "s")}{call}";
                while (!cancellationToken.IsCancellationRequested)
                {
                    var attempt = Stopwatch.GetTimestamp();
                    try
                    {
                        var answer = resetNext ? episode.Reset(Options, requestId) : episode.Step(EpisodeAction.RequestInfo("name"), requestId);
                        var result = await answer.WaitAsync(AttemptTimeout, cancellationToken);
                        if (!resetNext && result is { Error: not null, Done: true })
                        {
                            // Spent before this stepper began (its last step answered to the one before): reset it.
                            resetNext = true;
                            break;
                        }
                        Check(result);
                        resetNext = !resetNext && result.Done;
                        TaskCompletionSource signal;
                        lock (_successes)
                        {
                            _successes.Add((attempt, Stopwatch.GetTimestamp()));
                            signal = _signal;
                            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        }
                        signal.TrySetResult();
                        break;
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Whatever the dying silo makes of the call (rejected, lost, refused), the retry answers it once.
                        LastError = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
                        await Task.Delay(RetryPause, CancellationToken.None);
                    }
                }
            }
        }

        /// <summary>
        /// How long after <paramref name="since"/> this episode answered a call sent after it (an answer already on its
        /// way when the silo went down proves nothing).
        /// </summary>
        public async Task<TimeSpan> FirstSuccessAfterAsync(long since, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task wait;
                lock (_successes)
                {
                    var first = _successes.FirstOrDefault(s => s.Sent > since);
                    if (first.Answered != 0) return Stopwatch.GetElapsedTime(since, first.Answered);
                    wait = _signal.Task;
                }
                await wait.WaitAsync(cancellationToken);
            }
        }
    }
}
