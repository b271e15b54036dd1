using MLEDojo.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace MLEDojo.Gateway.Tests;

/// <summary>The grid's hosts read their appsettings files once and never watch the content root (the data root) for changes.</summary>
public sealed class HostArgumentsTests
{
    [Fact]
    public void A_generic_host_built_with_the_defaults_watches_no_file()
    {
        Assert.Contains(FileSources(Host.CreateApplicationBuilder().Configuration), source => source.ReloadOnChange);

        var sources = FileSources(Host.CreateApplicationBuilder(HostArguments.Defaults).Configuration);

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.False(source.ReloadOnChange, source.Path));
    }

    [Fact]
    public void A_web_host_built_with_the_defaults_watches_no_file()
    {
        Assert.Contains(FileSources(WebApplication.CreateSlimBuilder().Configuration), source => source.ReloadOnChange);

        var sources = FileSources(WebApplication.CreateSlimBuilder(HostArguments.Defaults).Configuration);

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.False(source.ReloadOnChange, source.Path));
    }

    private static FileConfigurationSource[] FileSources(IConfigurationBuilder configuration) =>
        configuration.Sources.OfType<FileConfigurationSource>().ToArray();
}
