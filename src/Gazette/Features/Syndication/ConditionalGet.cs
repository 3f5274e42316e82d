using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Gazette.Features.Syndication;

/// <summary>
/// Answers a feed or sitemap with an <c>ETag</c> (a hash of the bytes, so it changes with any
/// change at all) and a <c>Last-Modified</c>, and with 304 Not Modified when the reader's copy is
/// current. Feed readers poll often; most polls then cost a few hundred bytes.
/// </summary>
public static class ConditionalGet
{
    public static IResult Respond(HttpContext context, byte[] body, string contentType, DateTime? lastModified)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"");
        // Caches may keep it, but must ask first: a new article or comment shows on the next poll.
        context.Response.Headers.CacheControl = "public, no-cache";
        DateTimeOffset? modified = lastModified is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
        // The framework's file result evaluates If-None-Match (first) and If-Modified-Since as RFC 9110 says.
        return TypedResults.Bytes(body, contentType, lastModified: modified, entityTag: tag);
    }
}
