using Microsoft.AspNetCore.Routing;

namespace MLEDojo.Gateway.Arena;

/// <summary>The arena's routes: submissions (keyed, owner-scoped) and leaderboards (public).</summary>
internal static class ArenaEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        ArenaSubmissionEndpoints.Map(routes);
        ArenaLeaderboardEndpoints.Map(routes);
    }
}
