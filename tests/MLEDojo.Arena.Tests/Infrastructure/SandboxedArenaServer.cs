using MLEDojo.Execution;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Arena.Tests.Infrastructure;

/// <summary>
/// <see cref="ArenaServer"/> with the production runner: episode code and agent scripts in the real sandbox (CI: root
/// and bubblewrap from scripts/setup.sh), an agent script held to 128 MiB.
/// </summary>
public sealed class SandboxedArenaServer : ArenaServer
{
    public const long ScriptMemoryBytes = 128L * 1024 * 1024;

    protected override Func<IServiceProvider, ICodeRunner>? CodeRunner => null;

    protected override ArenaOptions Limits => Arena with { ScriptMemoryBytes = ScriptMemoryBytes };

    protected override DojoSandboxOptions Sandbox => new() { MemoryMb = 512, MaxMemoryMb = 1024, Cpus = 1, MaxProcesses = 64, TmpMb = 64 };
}

[CollectionDefinition(Name)]
public sealed class SandboxedArenaServerCollection : ICollectionFixture<SandboxedArenaServer>
{
    public const string Name = "sandboxed arena server";
}

/// <summary>
/// <see cref="ArenaServer"/> on a machine without a sandbox where sandbox.allowUnisolated is off: the grid's runner
/// refuses every run (what <c>CodeRunnerFactory</c> builds there), and so does the arena for scripts.
/// </summary>
public sealed class RefusingArenaServer : ArenaServer
{
    public const string Reason = "This silo refuses to execute code: the sandbox is unavailable (test).";

    protected override Func<IServiceProvider, ICodeRunner>? CodeRunner => _ => new RefusingCodeRunner(Reason);
}
