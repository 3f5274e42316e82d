using System.Text.Json;
using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Articles;

/// <summary>An autosaved state of the editor, newer than the article it belongs to.</summary>
public sealed record AutosaveOffer(ArticleForm Form, DateTime SavedAt);

/// <summary>
/// Keeps what a member of staff types in the editor, per user and article, apart from the
/// article: saving it never publishes or changes anything readers see. It is offered back
/// when the editor opens and is newer than the article, and dropped once the article is saved.
/// </summary>
public sealed class Autosaves(GazetteDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DateTime> SaveAsync(string userId, int? articleId, ArticleForm form, CancellationToken cancellationToken)
    {
        var autosave = await db.ArticleAutosaves.SingleOrDefaultAsync(a => a.UserId == userId && a.ArticleId == articleId, cancellationToken);
        if (autosave is null)
        {
            autosave = new ArticleAutosave { UserId = userId, ArticleId = articleId };
            db.ArticleAutosaves.Add(autosave);
        }
        autosave.Content = JsonSerializer.Serialize(form, Json);
        autosave.SavedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return autosave.SavedAt;
    }

    /// <summary>The user's autosave for the article, if it is newer than <paramref name="articleSavedAt"/>.</summary>
    public async Task<AutosaveOffer?> FindAsync(string userId, int? articleId, DateTime? articleSavedAt, CancellationToken cancellationToken)
    {
        var autosave = await db.ArticleAutosaves.AsNoTracking()
            .SingleOrDefaultAsync(a => a.UserId == userId && a.ArticleId == articleId, cancellationToken);
        if (autosave is null || (articleSavedAt is { } saved && autosave.SavedAt <= saved))
        {
            return null;
        }
        var form = JsonSerializer.Deserialize<ArticleForm>(autosave.Content, Json);
        return form is null ? null : new AutosaveOffer(form, autosave.SavedAt);
    }

    public Task DiscardAsync(string userId, int? articleId, CancellationToken cancellationToken) =>
        db.ArticleAutosaves.Where(a => a.UserId == userId && a.ArticleId == articleId)
            .ExecuteDeleteAsync(cancellationToken);
}

/// <summary>What the editor shows beside the text as it is typed: the rendered page, counts and a suggested excerpt.</summary>
public sealed record EditorPreview(string Html, int Words, int ReadingMinutes, string SuggestedExcerpt);

public static class ReadingTime
{
    /// <summary>Words a minute of an adult reading news prose on screen.</summary>
    public const int WordsPerMinute = 230;

    /// <summary>Runs of non-space characters with a letter or digit in them.</summary>
    public static int Words(string plainText) => Words(plainText, skipMarkup: false);

    /// <summary>
    /// The words of <paramref name="text"/>; with <paramref name="skipMarkup"/>, what lies between
    /// <c>&lt;</c> and <c>&gt;</c> counts as space (HTML this site rendered and sanitised itself).
    /// One pass, nothing allocated: the article page counts its body on every view.
    /// </summary>
    public static int Words(ReadOnlySpan<char> text, bool skipMarkup)
    {
        var words = 0;
        var inTag = false;
        var inWord = false;
        var wordHasLetter = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (skipMarkup && (inTag || c == '<'))
            {
                inTag = c != '>';
                space = true;
            }
            if (space)
            {
                words += inWord && wordHasLetter ? 1 : 0;
                inWord = wordHasLetter = false;
                continue;
            }
            inWord = true;
            wordHasLetter |= char.IsLetterOrDigit(c);
        }
        return words + (inWord && wordHasLetter ? 1 : 0);
    }

    public static int Minutes(int words) => Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute));
}
