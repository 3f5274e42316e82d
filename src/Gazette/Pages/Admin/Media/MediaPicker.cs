using System.Globalization;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Pages.Admin.Media;

/// <summary>
/// The article editor's choice of library images, without JavaScript: radio buttons in the
/// editor's own form for the newest images, and a link to the whole library, which comes back
/// to the editor with <c>?media=ID</c>.
/// </summary>
public sealed record MediaPicker(IReadOnlyList<MediaCard> Choices, int? Selected, int? ArticleId)
{
    public const int Size = 12;

    /// <summary><paramref name="pick"/> when it names an article id or "new"; null for anything else.</summary>
    public static string? ValidPick(string? pick) =>
        pick == "new" || (pick is { Length: > 0 and < 10 } && pick.All(char.IsAsciiDigit)) ? pick : null;

    /// <summary>The library in picking mode for this article.</summary>
    public string LibraryUrl => "/admin/media?pick=" + (ArticleId?.ToString(CultureInfo.InvariantCulture) ?? "new");

    /// <summary>The newest images, and <paramref name="selected"/> first when it is older.</summary>
    public static async Task<IReadOnlyList<MediaCard>> ChoicesAsync(GazetteDbContext db, int? selected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var newest = await db.MediaItems.AsNoTracking().NewestFirst().AsCards().Take(Size).ToListAsync(cancellationToken);
        if (selected is { } id && newest.All(c => c.Id != id)
            && await db.MediaItems.AsNoTracking().Where(m => m.Id == id).AsCards().SingleOrDefaultAsync(cancellationToken) is { } chosen)
        {
            newest.Insert(0, chosen);
        }
        return newest;
    }
}
