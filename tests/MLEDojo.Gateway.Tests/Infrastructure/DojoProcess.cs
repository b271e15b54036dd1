using System.Diagnostics;
using System.Net;

namespace MLEDojo.Gateway.Tests.Infrastructure;

/// <summary>The real <c>dojo</c> in its own process, as a user starts it: started, read up to its "Ctrl+C" line, killed on dispose.</summary>
public sealed record DojoProcess(Process Process, List<string> Banner) : IAsyncDisposable
{
    public static async Task<DojoProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "dojo.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var banner = new List<string>();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90))) is not null && !line.StartsWith("Ctrl+C", StringComparison.Ordinal))
            banner.Add(line);
        if (line is null)
            throw new InvalidOperationException($"dojo {string.Join(' ', arguments)} ended before it was up: {string.Join('\n', banner)}\n{await process.StandardError.ReadToEndAsync()}");
        return new DojoProcess(process, banner);
    }

    public async Task<string> ReadErrorLineAsync() => await Process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) ?? "";

    public async ValueTask DisposeAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
