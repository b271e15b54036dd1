using MLEDojo.Abstractions;

namespace MLEDojo.Client;

/// <summary>
/// One episode seen from a client: reset, step, close. Each call gets a request id once and keeps it across
/// retries, so a step that reached the grain before a failure is answered from the grain's record, never run twice.
/// </summary>
public sealed class EpisodeSession
{
    private readonly IEpisodeGrain _grain;
    private readonly StepRetryPolicy _retry;

    internal EpisodeSession(string episodeId, IEpisodeGrain grain, StepRetryPolicy retry)
    {
        EpisodeId = episodeId;
        _grain = grain;
        _retry = retry;
    }

    public string EpisodeId { get; }

    /// <summary>The latest reset or step result.</summary>
    public StepResult? Last { get; private set; }

    public bool Done => Last?.Done ?? false;

    public async Task<StepResult> ResetAsync(EpisodeOptions options, CancellationToken cancellationToken = default)
    {
        var requestId = NewRequestId();
        return Last = await WithRetries(() => _grain.Reset(options, requestId, cancellationToken), cancellationToken);
    }

    /// <summary>Runs an action. The request id defaults to a fresh one; pass your own to make a retry of your own idempotent.</summary>
    public async Task<StepResult> StepAsync(EpisodeAction action, string? requestId = null, CancellationToken cancellationToken = default)
    {
        requestId ??= NewRequestId();
        return Last = await WithRetries(() => _grain.Step(action, requestId, cancellationToken), cancellationToken);
    }

    public Task<StepResult> RequestInfoAsync(string infoType = "all", CancellationToken cancellationToken = default) =>
        StepAsync(EpisodeAction.RequestInfo(infoType), cancellationToken: cancellationToken);

    public Task<StepResult> ValidateCodeAsync(string code, CancellationToken cancellationToken = default) =>
        StepAsync(EpisodeAction.ValidateCode(code), cancellationToken: cancellationToken);

    public Task<StepResult> ExecuteCodeAsync(string code, CancellationToken cancellationToken = default) =>
        StepAsync(EpisodeAction.ExecuteCode(code), cancellationToken: cancellationToken);

    public Task<StepResult> GetHistoryAsync(CancellationToken cancellationToken = default) =>
        StepAsync(EpisodeAction.GetHistory(), cancellationToken: cancellationToken);

    /// <summary>DataSelect: label a batch chosen by the weighted strategies.</summary>
    public Task<StepResult> SelectBatchAsync(int batchSize, double uncertainty, double diversity, double random, CancellationToken cancellationToken = default) =>
        StepAsync(EpisodeAction.SelectBatch(batchSize, uncertainty, diversity, random), cancellationToken: cancellationToken);

    /// <summary>DataSelect: end the episode now.</summary>
    public Task<StepResult> StopAsync(CancellationToken cancellationToken = default) =>
        StepAsync(EpisodeAction.Stop(), cancellationToken: cancellationToken);

    /// <summary>DataSelect: the grader's score for this episode as it stands (final once it is done); null for competitions.</summary>
    public async Task<EpisodeGrade?> GradeAsync(CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(cancellationToken)).Grade;

    public Task<EpisodeSnapshot> SnapshotAsync(CancellationToken cancellationToken = default) =>
        WithRetries(() => _grain.GetSnapshot(), cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(CancellationToken cancellationToken = default) =>
        WithRetries(() => _grain.GetHistory(), cancellationToken);

    public Task<EpisodeSnapshot> CloseAsync(CancellationToken cancellationToken = default) =>
        WithRetries(() => _grain.Close(), cancellationToken);

    private async Task<T> WithRetries<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < _retry.MaxAttempts && StepRetryPolicy.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_retry.DelayBefore(attempt), cancellationToken);
            }
        }
    }

    private static string NewRequestId() => RequestIds.New();
}
