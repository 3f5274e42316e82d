using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.WordPress;

/// <summary>
/// What every pass of one import shares, and nothing else: where the export came from, the report, and
/// the record of what was imported (<see cref="ImportedItem"/> rows by WordPress id), read for each batch
/// and written once the batch's rows have their keys.
/// </summary>
internal sealed class ImportRun(string source, string basePath, ImportReport report)
{
    private readonly List<(string Kind, string ExternalId, Func<string> LocalId)> _newMappings = [];
    private Dictionary<(string Kind, string ExternalId), string> _known = [];

    /// <summary>The site the export came from, which keys its items in <see cref="ImportedItem"/>.</summary>
    public string Source { get; } = source;

    /// <summary>The old blog's path under its host, "" or like <c>/blog</c>: its old addresses all start with it.</summary>
    public string BasePath { get; } = basePath;

    public ImportReport Report { get; } = report;

    /// <summary>Notes that a WordPress object became a row here; its key is read once the row is saved.</summary>
    public void Map(string kind, string externalId, Func<string> localId) => _newMappings.Add((kind, externalId, localId));

    /// <summary>The local id an earlier run (or an earlier batch) gave this WordPress object, among those <see cref="LoadKnownAsync"/> read.</summary>
    public bool WasImported(string kind, string externalId, out string localId) =>
        _known.TryGetValue((kind, externalId), out localId!);

    /// <summary>Reads what earlier runs and batches imported of these kinds (of these ids only, when given).</summary>
    public async Task LoadKnownAsync(GazetteDbContext db, string[] kinds, List<string>? ids, CancellationToken cancellationToken)
    {
        var query = db.ImportedItems.AsNoTracking().Where(i => i.Source == Source && kinds.Contains(i.Kind));
        if (ids is not null)
        {
            query = query.Where(i => ids.Contains(i.ExternalId));
        }
        var rows = await query.Select(i => new { i.Kind, i.ExternalId, i.LocalId }).ToListAsync(cancellationToken);
        _known = rows.ToDictionary(r => (r.Kind, r.ExternalId), r => r.LocalId);
    }

    /// <summary>
    /// Records what the batch made, once the database has given it its keys: by <see cref="BulkInsert"/>,
    /// as a big export has a row here for every comment and the change tracker would cost more than the insert.
    /// </summary>
    public async Task SaveMappingsAsync(GazetteDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        await BulkInsert.ExecuteAsync(db.Database, "ImportedItems", ["Source", "Kind", "ExternalId", "LocalId", "ImportedAt"],
            _newMappings.Select(m => new object?[] { Source, m.Kind, m.ExternalId, m.LocalId(), now }), cancellationToken);
        _newMappings.Clear();
    }
}

/// <summary>How the import shortens and names what it reads.</summary>
internal static class ImportText
{
    public static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    public static string? CutOrNull(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : Cut(text.Trim(), max);

    /// <summary>An item as the report names it: <c>#12 "Its title"</c>.</summary>
    public static string Describe(WxrItem item) => $"#{item.Id} \"{(item.Title.Length <= 60 ? item.Title : item.Title[..60] + "…")}\"";

    /// <summary>A slug here: WordPress's own when it is a usable one, else one made from the name.</summary>
    public static string Slug(string slug, string name) =>
        Articles.Slugs.From(slug.Length > 0 ? slug : name) is var made && made.Length <= 200 ? made : made[..200];
}
