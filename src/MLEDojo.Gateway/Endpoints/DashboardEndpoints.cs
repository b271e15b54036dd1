using MLEDojo.Gateway.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Dashboard;

namespace MLEDojo.Gateway.Endpoints;

/// <summary>
/// The Orleans Dashboard (its page, assets and JSON: /dashboard/ClusterStats, /DashboardCounters, ...) behind the
/// gateway's keys, admin scope only: it shows every grain type, silo and reminder of the grid and streams the silo's
/// log. A browser cannot send a bearer header when it opens a page, so these routes also take the admin key as the
/// password of HTTP Basic credentials (any user name), and their 401 asks for them; the browser then sends them with
/// every request the page makes.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapOrleansDashboard(Path)
            .RequireScopes(RequiredScopes.Admins)
            .WithMetadata(KeyAsBasicPassword.Instance)
            .ExcludeFromDescription();
}
