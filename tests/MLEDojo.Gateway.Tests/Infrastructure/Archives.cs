using System.Formats.Tar;
using System.IO.Compression;

namespace MLEDojo.Gateway.Tests.Infrastructure;

/// <summary>Competition archives as a creator would upload them, and hostile ones.</summary>
public static class Archives
{
    public static byte[] TarGz(string folder, bool includeFolder = false)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            TarFile.CreateFromDirectory(folder, gzip, includeBaseDirectory: includeFolder);
        return output.ToArray();
    }

    public static byte[] Zip(string folder)
    {
        using var output = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, output, CompressionLevel.Fastest, includeBaseDirectory: false);
        return output.ToArray();
    }

    /// <summary>A tar.gz holding exactly these entries (a null content makes a symbolic link to /etc/passwd).</summary>
    public static byte[] TarGzOf(params (string Name, string? Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, content) in entries)
            {
                if (content is null)
                {
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = "/etc/passwd" });
                    continue;
                }
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };
                tar.WriteEntry(entry);
            }
        }
        return output.ToArray();
    }
}
