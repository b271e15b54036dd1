using MLEDojo.Arena.Grains;
using MLEDojo.Execution;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Arena.Tests.Infrastructure;

/// <summary>
/// The grid tests' 3-silo cluster with the arena on every silo, and executions that take <see cref="SlowRunner.Delay"/>
/// longer, so an evaluation is still running when a test kills its silo.
/// </summary>
public sealed class ArenaCluster : GridCluster
{
    private readonly SlowRunner _slow;

    public ArenaCluster() => _slow = new SlowRunner(Runner, TimeSpan.FromMilliseconds(1500));

    protected override ICodeRunner CodeRunner => _slow;

    protected override void ConfigureSilo(ISiloBuilder silo, DojoSiloOptions options) => silo.UseMLEDojoArena(options, ArenaServer.Arena, _ => _slow);
}

/// <summary>A code runner whose runs take at least <see cref="Delay"/> longer.</summary>
public sealed class SlowRunner(ICodeRunner inner, TimeSpan delay) : ICodeRunner
{
    public TimeSpan Delay => delay;

    public Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken) => inner.CheckSyntaxAsync(spec, cancellationToken);

    public async Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.RunAsync(spec, cancellationToken);
    }
}
