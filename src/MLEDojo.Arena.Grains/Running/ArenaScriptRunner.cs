using MLEDojo.Execution;

namespace MLEDojo.Arena.Grains.Running;

/// <summary>The runner for uploaded agent scripts, apart from the grid's runner for episode code (each may be sandboxed its own way).</summary>
public sealed record ArenaScriptRunner(ICodeRunner Runner);
