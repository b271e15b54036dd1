using MLEDojo.Abstractions;
using MLEDojo.Client;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>
/// One open episode per closed-loop worker through the .NET client; an episode that ends (its step limit) is
/// replaced by a fresh one before the worker's next step, untimed, so a long run never steps a finished episode.
/// </summary>
public sealed class EpisodePool
{
    private readonly DojoClient _client;
    private readonly Func<int, int, EpisodeOptions> _options;
    private readonly EpisodeSession[] _sessions;
    private readonly bool[] _done;
    private readonly int[] _opened;

    private EpisodePool(DojoClient client, Func<int, int, EpisodeOptions> options, int size)
    {
        _client = client;
        _options = options;
        _sessions = new EpisodeSession[size];
        _done = new bool[size];
        _opened = new int[size];
    }

    public int Size => _sessions.Length;

    /// <summary>Episodes opened in all, the first ones included.</summary>
    public int Opened => _opened.Sum();

    /// <param name="options">The options of worker i's n-th episode.</param>
    public static async Task<EpisodePool> OpenAsync(DojoClient client, int size, Func<int, int, EpisodeOptions> options, CancellationToken cancellationToken)
    {
        var pool = new EpisodePool(client, options, size);
        // Bounded: opening a thousand episodes at once only queues them on the storage.
        using var gate = new SemaphoreSlim(Math.Max(4, Environment.ProcessorCount * 4));
        await Task.WhenAll(Enumerable.Range(0, size).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await pool.OpenAsync(i, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return pool;
    }

    /// <summary>The last answer worker i's episode gave (its reset's, before its first step).</summary>
    public StepResult? Last(int worker) => _sessions[worker].Last;

    /// <summary>The untimed part of a worker's turn: a new episode when its last one ended.</summary>
    public Task ReplaceIfDoneAsync(int worker) => _done[worker] ? OpenAsync(worker, CancellationToken.None) : Task.CompletedTask;

    /// <summary>One step of worker i's episode; false when the grid answered with an error.</summary>
    public async Task<bool> StepAsync(int worker, EpisodeAction action)
    {
        var result = await _sessions[worker].StepAsync(action);
        _done[worker] = result.Done;
        return result.Error is null;
    }

    private async Task OpenAsync(int worker, CancellationToken cancellationToken)
    {
        var options = _options(worker, _opened[worker]);
        var session = await _client.StartEpisodeAsync(options, $"bench-{worker}-{_opened[worker]}-{Guid.NewGuid():N}", cancellationToken);
        if (session.Last?.Error is { } error) throw new InvalidOperationException($"The grid refused a bench episode's reset: {error}");
        _sessions[worker] = session;
        _done[worker] = false;
        _opened[worker]++;
    }
}
