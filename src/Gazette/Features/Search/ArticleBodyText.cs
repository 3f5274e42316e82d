using Gazette.Data;
using Gazette.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Features.Search;

/// <summary>
/// Keeps <see cref="Article.BodyText"/> (the body as plain text, which the search index reads) in
/// step with <see cref="Article.Body"/> on every save, whoever saves: the editor, a revision restore,
/// the first run's demo article, an import, or a test arranging data. The index itself follows the
/// table in the database (SQLite triggers, a PostgreSQL generated column), so a status flipped with
/// <c>ExecuteUpdate</c> needs nothing here.
/// </summary>
internal sealed class ArticleBodyText : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Refresh(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Refresh(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Refresh(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries<Article>())
        {
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(a => a.Body).IsModified))
            {
                entry.Property(a => a.BodyText).CurrentValue = MarkdownRenderer.ToPlainText(entry.Entity.Body).Trim();
            }
        }
    }
}
