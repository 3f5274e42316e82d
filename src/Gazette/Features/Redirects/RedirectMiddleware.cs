using System.Data.Common;
using Gazette.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Redirects;

/// <summary>
/// Answers 301 for an address that has a redirect. It looks only after the rest of the app found
/// nothing (the response is a 404 with nothing written), so ordinary pages pay nothing; a request
/// with a query string is looked up first only when a redirect could match its parameter names.
/// </summary>
internal sealed partial class RedirectMiddleware(RequestDelegate next, RedirectLookup lookup, TimeProvider clock, ILogger<RedirectMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, GazetteDbContext db)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var (path, query) = RedirectPaths.FromRequest(request.Path, request.QueryString);
        if (query.Length > 0 && await lookup.MayMatchQueryAsync(query, context.RequestAborted)
            && await RedirectLookup.FindAsync(db, path, query, exactOnly: true, context.RequestAborted) is { } early)
        {
            await RespondAsync(context, db, early);
            return;
        }

        await next(context);

        if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted
            && await RedirectLookup.FindAsync(db, path, query, exactOnly: false, context.RequestAborted) is { } found)
        {
            await RespondAsync(context, db, found);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not count a hit of redirect {RedirectId}")]
    private static partial void HitNotCounted(ILogger logger, Exception exception, int redirectId);

    private async Task RespondAsync(HttpContext context, GazetteDbContext db, RedirectLookup.Match match)
    {
        var location = RedirectPaths.ToLocation(match.ToUrl);
        // A redirect from a bare path passes the request's query on (a shared link's utm_ tags, say).
        if (!match.MatchedQuery && context.Request.QueryString is { HasValue: true } passed)
        {
            location += (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + passed.Value![1..];
        }
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = location;
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.Redirects.Where(r => r.Id == match.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.HitCount, r => r.HitCount + 1).SetProperty(r => r.LastHitAt, now), context.RequestAborted);
        }
        catch (DbException exception)
        {
            // The count is a nicety: a busy database must not cost the reader their redirect.
            HitNotCounted(logger, exception, match.Id);
        }
    }
}
