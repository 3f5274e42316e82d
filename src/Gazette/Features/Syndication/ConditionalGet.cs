using Microsoft.Net.Http.Headers;

namespace Gazette.Features.Syndication;

/// <summary>
/// Answers a feed or sitemap with a <c>Last-Modified</c>, and with 304 Not Modified when the
/// reader's copy is that recent. The <c>ETag</c> (a hash of the bytes sent) and <c>If-None-Match</c>
/// are the page cache's, as for every public page. Feed readers poll often; most polls then cost a
/// few hundred bytes.
/// </summary>
public static class ConditionalGet
{
    public static IResult Respond(HttpContext context, byte[] body, string contentType, DateTime? lastModified)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        // Caches may keep it, but must ask first: a new article or comment shows on the next poll.
        context.Response.Headers.CacheControl = "public, no-cache";
        DateTimeOffset? modified = lastModified is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
        // The framework's file result evaluates If-Modified-Since as RFC 9110 says (not when If-None-Match is sent).
        return TypedResults.Bytes(body, contentType, lastModified: modified);
    }
}
