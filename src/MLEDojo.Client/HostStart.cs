using Microsoft.Extensions.Hosting;

namespace MLEDojo.Client;

public static class HostStart
{
    /// <summary>Starts a built host; one that fails to start is disposed before the error propagates, so nothing leaks.</summary>
    public static async Task<IHost> StartOrDisposeAsync(this IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
