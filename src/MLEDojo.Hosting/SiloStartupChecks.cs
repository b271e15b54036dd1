using MLEDojo.Execution;
using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace MLEDojo.Hosting;

/// <summary>
/// Runs before clustering and the storage providers start (they read their queries from the database): creates the
/// SQLite schema if absent, or applies the PostgreSQL schema when storage.initializeSchema is on; in the cluster
/// profile, claims the shared episodes root for this cluster; and refuses to start a silo whose host removed the <see cref="ICodeRunner"/>,
/// instead of failing on the first execution.
/// </summary>
internal sealed class SiloStartupChecks(IServiceProvider services, DojoSiloOptions options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStartupChecks), ServiceLifecycleStage.RuntimeInitialize, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ICodeRunner>() is null)
            throw new InvalidOperationException(
                "No ICodeRunner is registered. Pass one to UseMLEDojo(options, codeRunner: sp => ...) or register it in the silo's services.");
        if (options.Storage.Provider == DojoStorageProviders.PostgreSql)
        {
            if (options.Storage.InitializeSchema)
                await PostgreSqlSchema.EnsureCreatedAsync(options.Storage.ConnectionString, cancellationToken);
        }
        else
            await SqliteGrainStorageSchema.EnsureCreatedAsync(options.Storage.ConnectionString, cancellationToken);
        if (options.Profile == DojoProfiles.Cluster) SharedVolume.Claim(options.EpisodesRoot, options.ClusterId);
    }
}
