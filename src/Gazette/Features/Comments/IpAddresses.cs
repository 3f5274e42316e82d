using System.Net;
using System.Net.Sockets;

namespace Gazette.Features.Comments;

/// <summary>Keeps enough of a commenter's address to see abuse from a network, not to identify a person.</summary>
public static class IpAddresses
{
    /// <summary>IPv4 keeps its /24, IPv6 its /48; the rest is zeroed.</summary>
    public static string? Truncate(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes).ToString();
    }
}
