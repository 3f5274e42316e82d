using Microsoft.Net.Http.Headers;

namespace Gazette.Features.Syndication;

/// <summary>
/// Answers a feed or sitemap with a <c>Last-Modified</c>, and with 304 Not Modified when the
/// reader's copy is that recent. The <c>ETag</c> (a hash of the bytes sent) and <c>If-None-Match</c>
/// (and <c>Cache-Control</c>) are the page cache's, as for every public page. Feed readers poll often;
/// most polls then cost a few hundred bytes.
/// </summary>
public static class ConditionalGet
{
    public static IResult Respond(byte[] body, string contentType, DateTime? lastModified)
    {
        ArgumentNullException.ThrowIfNull(body);
        DateTimeOffset? modified = lastModified is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
        // The framework's file result evaluates If-Modified-Since as RFC 9110 says (not when If-None-Match is sent).
        return TypedResults.Bytes(body, contentType, lastModified: modified);
    }
}
