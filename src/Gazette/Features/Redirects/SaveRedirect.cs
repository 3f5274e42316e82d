using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Redirects;

/// <summary>
/// Adds, changes and removes redirects, keeping the table free of chains and loops: a target that
/// redirects itself is followed to its end, and redirects that led to an address which now
/// redirects are pointed straight at the new target. So every redirect is one hop.
/// </summary>
public sealed class SaveRedirect(GazetteDbContext db, RedirectLookup lookup, TimeProvider clock)
{
    /// <summary>What staff typed on the redirects page.</summary>
    public sealed record Form(string? From, string? To);

    /// <summary>Errors are keyed by the form field they belong to ("" for the form as a whole).</summary>
    public sealed record Result(Redirect? Redirect, IReadOnlyDictionary<string, string> Errors)
    {
        public bool Succeeded => Redirect is not null;
    }

    /// <summary>Staff add (<paramref name="id"/> null) or change a redirect; saved when valid.</summary>
    public async Task<Result> ExecuteAsync(int? id, Form form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        if (!RedirectPaths.TryNormaliseFrom(form.From, out var from, out var fromError))
        {
            errors[nameof(Form.From)] = fromError;
        }
        if (!RedirectPaths.TryNormaliseTo(form.To, out var to, out var toError))
        {
            errors[nameof(Form.To)] = toError;
        }
        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }
        Redirect? redirect = null;
        if (id is { } existingId && (redirect = await db.Redirects.SingleOrDefaultAsync(r => r.Id == existingId, cancellationToken)) is null)
        {
            return Failed("", "That redirect no longer exists.");
        }
        if (await db.Redirects.AnyAsync(r => r.FromPath == from && r.Id != (id ?? 0), cancellationToken))
        {
            return Failed(nameof(Form.From), $"There is already a redirect from {from}: edit that one.");
        }

        var final = await FinalTargetAsync(to, redirect?.Id, cancellationToken);
        if (final == from)
        {
            return Failed(nameof(Form.To), final == to
                ? "A redirect cannot lead to its own address."
                : $"{to} already redirects to {from}: this would make a loop.");
        }
        var incoming = await IncomingAsync(from, redirect?.Id, cancellationToken);
        if (incoming.FirstOrDefault(r => r.FromPath == final) is { } reverse)
        {
            return Failed(nameof(Form.To), $"{reverse.FromPath} already redirects to {from}: this would make a loop.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (redirect is null)
        {
            redirect = new Redirect { Origin = RedirectOrigin.Staff, CreatedAt = now };
            db.Redirects.Add(redirect);
        }
        redirect.FromPath = from;
        redirect.QueryKeys = RedirectPaths.QueryKeysOf(from);
        redirect.ToUrl = final;
        redirect.UpdatedAt = now;
        foreach (var earlier in incoming)
        {
            earlier.ToUrl = final;
            earlier.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        lookup.Invalidate();
        return new Result(redirect, new Dictionary<string, string>());
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var deleted = await db.Redirects.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        lookup.Invalidate();
        return deleted;
    }

    /// <summary>
    /// A published article's address changed from <paramref name="oldUrl"/> (null: it had none) to
    /// <paramref name="newUrl"/>: the old one redirects, and no redirect takes the new one from it.
    /// Changes are tracked, for the article's own save to store.
    /// </summary>
    public async Task ArticleMovedAsync(string? oldUrl, string newUrl, int articleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newUrl);
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = oldUrl is null || oldUrl == newUrl ? [newUrl] : new[] { newUrl, oldUrl };
        var affected = await db.Redirects
            .Where(r => keys.Contains(r.FromPath) || (oldUrl != null && r.ToUrl == oldUrl))
            .ToListAsync(cancellationToken);

        // An article now lives at newUrl: it wins over any redirect from there.
        foreach (var shadowed in affected.Where(r => r.FromPath == newUrl))
        {
            db.Redirects.Remove(shadowed);
        }
        if (oldUrl is null || oldUrl == newUrl)
        {
            return;
        }
        var redirect = affected.FirstOrDefault(r => r.FromPath == oldUrl);
        if (redirect is null)
        {
            redirect = new Redirect { FromPath = oldUrl, CreatedAt = now };
            db.Redirects.Add(redirect);
        }
        redirect.ToUrl = newUrl;
        redirect.QueryKeys = null;
        redirect.Origin = RedirectOrigin.ArticleMoved;
        redirect.ArticleId = articleId;
        redirect.UpdatedAt = now;
        // A→B, and now B→C: A goes straight to C. (A redirect that came from C itself was removed above.)
        foreach (var earlier in affected.Where(r => r.ToUrl == oldUrl && r.FromPath != newUrl && r != redirect))
        {
            earlier.ToUrl = newUrl;
            earlier.UpdatedAt = now;
        }
    }

    private static Result Failed(string field, string error) => new(null, new Dictionary<string, string> { [field] = error });

    /// <summary>Where <paramref name="to"/> ends up: itself, or the target of the redirect from it (chains are one hop).</summary>
    private async Task<string> FinalTargetAsync(string to, int? except, CancellationToken cancellationToken)
    {
        if (!RedirectPaths.IsLocal(to))
        {
            return to;
        }
        var next = await db.Redirects.AsNoTracking()
            .Where(r => r.FromPath == to && r.Id != (except ?? 0))
            .Select(r => r.ToUrl)
            .FirstOrDefaultAsync(cancellationToken);
        return next ?? to;
    }

    private Task<List<Redirect>> IncomingAsync(string from, int? except, CancellationToken cancellationToken) =>
        db.Redirects.Where(r => r.ToUrl == from && r.Id != (except ?? 0)).ToListAsync(cancellationToken);
}
