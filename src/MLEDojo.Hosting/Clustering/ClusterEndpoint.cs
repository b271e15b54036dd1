using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Hosting.Clustering;

/// <summary>The address a cluster-profile silo advertises in the membership table: advertisedAddress, else this host's first up, non-loopback IPv4 address.</summary>
public static class ClusterEndpoint
{
    public static IPAddress AdvertisedAddress(DojoSiloOptions options)
    {
        if (options.AdvertisedAddress.Length > 0) return IPAddress.Parse(options.AdvertisedAddress);
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return address ?? throw new InvalidOperationException(
            "advertisedAddress is empty and this host has no up, non-loopback IPv4 address; set advertisedAddress (DOJO_advertisedAddress).");
    }
}
