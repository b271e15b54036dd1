namespace MLEDojo.Execution;

/// <summary>
/// A launch whose process waits, after it starts, until the silo lets it go on (the sandbox joins its cgroups and
/// takes its limits this way). The hooks around the fork run on the spawner thread, so what they make inheritable
/// is inherited by this process alone, not by one started from another thread at the same moment.
/// </summary>
internal interface IProcessAdmission
{
    /// <summary>Just before the fork, on the spawner thread.</summary>
    void BeforeStart();

    /// <summary>Just after the fork (or its failure), on the spawner thread.</summary>
    void AfterStart();

    /// <summary>
    /// Admits the started process <paramref name="processId"/>, or throws <see cref="ProcessNotAdmitted"/> having killed
    /// what it started (the code never ran).
    /// </summary>
    Task AdmitAsync(int processId, CancellationToken cancellationToken);
}

/// <summary>Why a started process was not let go on.</summary>
internal sealed class ProcessNotAdmitted(string reason) : Exception(reason);
