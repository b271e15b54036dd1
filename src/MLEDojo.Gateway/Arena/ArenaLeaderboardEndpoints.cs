using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena;
using MLEDojo.Arena.Leaderboards;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// Leaderboards, public reads like ML Arena's: per competition and per competition set, filtered by user and tag,
/// as JSON under /api/arena/leaderboards and as a page under /arena/leaderboards.
/// </summary>
internal static class ArenaLeaderboardEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/arena/leaderboards/{competition}", (HttpContext context, string competition, [FromQuery] string? user, [FromQuery] string? tag, IGrainFactory grains) =>
                ArenaResults.Answer(context, () => CompetitionAsync(grains, competition, new BoardFilter(user, tag))))
            .WithSummary("A competition's arena leaderboard: mean ± 95% CI of the best position score over each submission's episodes, medals, rank.")
            .Produces<Leaderboard>();
        routes.MapGet("/api/arena/leaderboards/sets/{set}", (HttpContext context, string set, [FromQuery] string? user, [FromQuery] string? tag, IGrainFactory grains) =>
                ArenaResults.Answer(context, () => SetAsync(grains, set, new BoardFilter(user, tag))))
            .WithSummary("A competition set's leaderboard: submissions that played every competition of the set, by the mean of their per-competition means.")
            .Produces<Leaderboard>();

        routes.MapGet("/arena/leaderboards/{competition}", async (HttpContext context, string competition, [FromQuery] string? user, [FromQuery] string? tag, IGrainFactory grains) =>
                await Page(context, () => CompetitionAsync(grains, competition, new BoardFilter(user, tag))))
            .WithSummary("The competition's leaderboard as a web page.");
        routes.MapGet("/arena/leaderboards/sets/{set}", async (HttpContext context, string set, [FromQuery] string? user, [FromQuery] string? tag, IGrainFactory grains) =>
                await Page(context, () => SetAsync(grains, set, new BoardFilter(user, tag))))
            .WithSummary("The competition set's leaderboard as a web page.");
    }

    private static async Task<Leaderboard> CompetitionAsync(IGrainFactory grains, string competition, BoardFilter filter) =>
        ArenaLeaderboard.ForCompetition(await grains.GetGrain<IArenaBoardGrain>("arena").Entries(), competition, filter, DateTimeOffset.UtcNow);

    private static async Task<Leaderboard> SetAsync(IGrainFactory grains, string set, BoardFilter filter) =>
        ArenaLeaderboard.ForSet(await grains.GetGrain<IArenaBoardGrain>("arena").Entries(), set, CompetitionSets.Get(set), filter, DateTimeOffset.UtcNow);

    private static async Task<IResult> Page(HttpContext context, Func<Task<Leaderboard>> board)
    {
        try
        {
            var others = CompetitionSets.All.Keys.Select(s => "set " + s).ToArray();
            return Results.Content(LeaderboardPage.Render(await board(), others), "text/html; charset=utf-8");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ArenaResults.Failure(context, e);
        }
    }
}
