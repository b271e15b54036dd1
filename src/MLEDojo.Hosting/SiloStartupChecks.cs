using MLEDojo.Execution;
using MLEDojo.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MLEDojo.Hosting;

/// <summary>
/// Runs before the storage providers start: creates the SQLite schema if absent and refuses to start a silo whose
/// host removed the <see cref="ICodeRunner"/>, instead of failing on the first execution.
/// </summary>
internal sealed class SiloStartupChecks(IServiceProvider services, string storageConnectionString) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStartupChecks), ServiceLifecycleStage.RuntimeInitialize, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ICodeRunner>() is null)
            throw new InvalidOperationException(
                "No ICodeRunner is registered. Pass one to UseMLEDojo(options, codeRunner: sp => ...) or register it in the silo's services.");
        await SqliteGrainStorageSchema.EnsureCreatedAsync(storageConnectionString, cancellationToken);
    }
}
