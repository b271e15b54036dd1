using MLEDojo.Arena.Grains;
using MLEDojo.Client;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Hosting;

// A grid silo: dotnet run --project src/MLEDojo.Silo -- [--config FILE] [--key:path value ...]
DojoSiloOptions options;
try
{
    options = DojoConfiguration.Load(args);
}
catch (DojoConfigurationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
// Agent code runs in the sandbox (MLEDojo.Execution.Sandbox), UseMLEDojo's default; see silo.config.json's "sandbox".
builder.UseOrleans(silo => silo.UseMLEDojo(options));
// RunAsync stops gracefully on SIGTERM/Ctrl+C (the generic host's console lifetime).
await builder.Build().RunAsync();
return 0;
