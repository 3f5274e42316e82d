using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Redirects;

/// <summary>
/// Finds the redirect for a request. A request that found a page never gets here, except one
/// with a query string whose parameter names some redirect's from-path has (<c>/?p=123</c> must
/// redirect although <c>/</c> is the home page): those names are kept in memory, so the home
/// page's <c>?page=2</c> costs no query.
/// </summary>
public sealed class RedirectLookup(IServiceScopeFactory scopes, TimeProvider clock)
{
    // Other instances' changes are picked up within this time; this instance's at once.
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private volatile KeySets? _keys;

    public sealed record Match(int Id, string ToUrl, bool MatchedQuery);

    private sealed record KeySets(IReadOnlySet<string> Keys, DateTimeOffset LoadedAt);

    /// <summary>Forget the query parameter names, after a redirect with a query was saved or deleted.</summary>
    public void Invalidate() => _keys = null;

    /// <summary>Whether some redirect's from-path has exactly these query parameter names.</summary>
    public async ValueTask<bool> MayMatchQueryAsync(string query, CancellationToken cancellationToken)
    {
        if (RedirectPaths.QueryKeysOf(query) is not { } keys)
        {
            return false;
        }
        var known = _keys;
        if (known is null || clock.GetUtcNow() - known.LoadedAt > Freshness)
        {
            known = await LoadKeysAsync(cancellationToken);
        }
        return known.Keys.Contains(keys);
    }

    /// <summary>
    /// The redirect from exactly <paramref name="path"/> with <paramref name="query"/>, or else (unless
    /// <paramref name="exactOnly"/>) from the path alone: one indexed lookup.
    /// </summary>
    public static async Task<Match?> FindAsync(
        GazetteDbContext db, string path, string query, bool exactOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var exact = RedirectPaths.Join(path, query);
        var pathOnly = exactOnly ? exact : path;
        var found = await db.Redirects.AsNoTracking()
            .Where(r => r.FromPath == exact || r.FromPath == pathOnly)
            .Select(r => new { r.Id, r.FromPath, r.ToUrl })
            .ToListAsync(cancellationToken);
        var best = found.FirstOrDefault(r => r.FromPath == exact) ?? found.FirstOrDefault();
        return best is null ? null : new Match(best.Id, best.ToUrl, best.FromPath == exact && query.Length > 0);
    }

    // Two requests may both load at once; the result is a handful of short strings, so no lock.
    private async Task<KeySets> LoadKeysAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        var keys = await db.Redirects.AsNoTracking()
            .Where(r => r.QueryKeys != null)
            .Select(r => r.QueryKeys!)
            .Distinct()
            .ToListAsync(cancellationToken);
        var loaded = new KeySets(keys.ToHashSet(StringComparer.Ordinal), clock.GetUtcNow());
        _keys = loaded;
        return loaded;
    }
}
