namespace MLEDojo.Arena.Grains.Running;

/// <summary>
/// clients/python/mledojo_client, embedded in this assembly: written into an agent script's folder (the script's own
/// directory is first on its sys.path), so every script can use the client that matches this grid's gateway.
/// </summary>
internal static class PythonClientFiles
{
    private const string Package = "mledojo_client/";

    public static void WriteTo(string folder)
    {
        var assembly = typeof(PythonClientFiles).Assembly;
        var target = Path.Combine(folder, Package.TrimEnd('/'));
        Directory.CreateDirectory(target);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Package, StringComparison.Ordinal)))
        {
            using var source = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(Path.Combine(target, name[Package.Length..]));
            source.CopyTo(file);
        }
    }
}
