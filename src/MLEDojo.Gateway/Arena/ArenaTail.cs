using System.Text.Json;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena;
using Microsoft.AspNetCore.Http;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// GET /api/arena/submissions/{id}/tail as server-sent events. Each log line is an event <c>line</c> whose id is its
/// sequence number (a reconnecting client sends Last-Event-ID, or ?after=N, and misses nothing); when the submission
/// settles, an event <c>status</c> carries its final status and the stream ends. The gateway long-polls the grain
/// (it answers as soon as a line is logged), so lines arrive as they happen; a comment every 15 s keeps proxies open.
/// </summary>
internal static class ArenaTail
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, string id, IGrainFactory grains)
    {
        ISubmissionGrain grain;
        long after;
        try
        {
            (grain, _) = await ArenaCaller.OwnedAsync(context, grains, id);
            after = StartAfter(context.Request);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await ArenaResults.Failure(context, e).ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var aborted = context.RequestAborted;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var batch = await grain.WaitForEvents(after, Wait);
                foreach (var line in batch.Events)
                {
                    await response.WriteAsync($"id: {line.Seq}\nevent: line\ndata: {JsonSerializer.Serialize(line, ArenaJson.Options)}\n\n", aborted);
                    after = line.Seq;
                }
                if (batch.IsSettled)
                {
                    var status = await grain.GetStatus();
                    await response.WriteAsync($"event: status\ndata: {JsonSerializer.Serialize(status, ArenaJson.Options)}\n\n", aborted);
                    break;
                }
                if (batch.Events.Count == 0) await response.WriteAsync(": waiting\n\n", aborted);
                await response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
    }

    private static long StartAfter(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } last ? last : request.Query["after"].ToString();
        if (text.Length == 0) return 0;
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after)
            ? after
            : throw GatewayError.Validation($"after (or Last-Event-ID) must be a log line number, not '{text}'.");
    }
}
