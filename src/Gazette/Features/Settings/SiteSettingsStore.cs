using Gazette.Data;
using Gazette.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Settings;

/// <summary>
/// Reads and writes the <see cref="SiteSetting"/> table and keeps <see cref="SiteSettingsConfiguration"/>
/// in step with it: after migrations at start-up, after every save on this instance, and when
/// <see cref="SiteSettingsRefresher"/> sees that another instance saved.
/// </summary>
public sealed class SiteSettingsStore(IServiceScopeFactory scopes, SiteSettingsConfiguration configuration, PageCacheInvalidation cache)
{
    /// <summary>Reads every stored setting into the configuration.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await LoadAsync(scope.ServiceProvider.GetRequiredService<GazetteDbContext>(), cancellationToken);
    }

    /// <summary>Reads the settings again if they were saved since the last read: one tiny query otherwise.</summary>
    /// <returns>Whether they had changed.</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        if (await CurrentVersionAsync(db, cancellationToken) == configuration.Version)
        {
            return false;
        }
        await LoadAsync(db, cancellationToken);
        return true;
    }

    /// <summary>
    /// Stores <paramref name="values"/> (configuration path → value) in one transaction and applies
    /// them at once. Stored items of the lists named in <paramref name="lists"/> that are not in
    /// <paramref name="values"/> are removed, so a list can shrink; other stored keys are kept.
    /// </summary>
    public async Task SaveAsync(
        IReadOnlyDictionary<string, string> values, IReadOnlyCollection<string> lists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(lists);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GazetteDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Bumping the version first makes two saves at the same moment take turns (a row lock on
            // PostgreSQL, the write lock on SQLite) instead of both inserting the same new key.
            await db.SiteSettingsVersions.Where(v => v.Id == SiteSettingsVersion.RowId)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.Number, v => v.Number + 1), cancellationToken);
            var pending = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
            foreach (var row in await db.SiteSettings.ToListAsync(cancellationToken))
            {
                if (pending.Remove(row.Key, out var value))
                {
                    row.Value = value;
                }
                else if (lists.Any(list => row.Key.StartsWith(list + ":", StringComparison.OrdinalIgnoreCase)))
                {
                    db.SiteSettings.Remove(row);
                }
            }
            db.SiteSettings.AddRange(pending.Select(p => new SiteSetting { Key = p.Key, Value = p.Value }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await LoadAsync(db, cancellationToken);
    }

    private async Task LoadAsync(GazetteDbContext db, CancellationToken cancellationToken)
    {
        // The version before the rows: a save in between only makes the next refresh read again.
        var version = await CurrentVersionAsync(db, cancellationToken);
        var rows = await db.SiteSettings.AsNoTracking().Select(s => new { s.Key, s.Value }).ToListAsync(cancellationToken);
        configuration.Replace(rows.Select(r => KeyValuePair.Create(r.Key, r.Value)), version);
        // Only once the new values are in force, so no page is stored with the old ones after this.
        await cache.EvictAsync(cancellationToken, CacheTags.Site);
    }

    private static Task<long> CurrentVersionAsync(GazetteDbContext db, CancellationToken cancellationToken) =>
        db.SiteSettingsVersions.Where(v => v.Id == SiteSettingsVersion.RowId).Select(v => v.Number).SingleAsync(cancellationToken);
}
