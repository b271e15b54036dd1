namespace MLEDojo.Client;

/// <summary>
/// The command-line configuration every host of the grid is built with. Its settings come from silo.config.json
/// (or code), never from appsettings files, yet the default builders still watch those files for changes, through
/// an inotify watcher on the whole content root: the working directory, which usually holds the data root too. Every
/// database commit and every file an episode writes then woke that watcher (measured: 12% of the WebSocket
/// gateway's request_info throughput). The appsettings files are still read once at start.
/// </summary>
public static class HostArguments
{
    public static string[] Defaults { get; } = ["--hostBuilder:reloadConfigOnChange=false"];
}
