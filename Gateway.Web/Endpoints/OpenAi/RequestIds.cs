namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// The gateway's own request ids: <c>req_</c> and a UUID version 7 in hex. Time-ordered, so the usage rows' request-id
/// index grows at its end instead of rewriting pages all over it. The random part comes from <see cref="Random.Shared"/>:
/// an id names a request and guards nothing, and the system's cryptographic source (what <see cref="Guid.CreateVersion7()"/>
/// uses) costs a system call for every id.
/// </summary>
internal static class RequestIds
{
    public static string New(DateTimeOffset now)
    {
        Span<byte> uuid = stackalloc byte[16];
        Random.Shared.NextBytes(uuid);

        // RFC 9562: 48 bits of Unix milliseconds, big-endian, then the version (7) and the variant (10).
        var milliseconds = now.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--, milliseconds >>= 8)
        {
            uuid[i] = (byte)milliseconds;
        }

        uuid[6] = (byte)(0x70 | (uuid[6] & 0x0F));
        uuid[8] = (byte)(0x80 | (uuid[8] & 0x3F));
        return $"req_{new Guid(uuid, bigEndian: true):N}";
    }
}
