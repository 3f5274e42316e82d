using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gazette.Features.Comments;

/// <summary>
/// Derives <see cref="Comment.TextHtml"/> whenever a comment's text is saved, whoever saves it
/// (a reader's post or edit, a moderator's reply, the first-run demo, the importer's tracked
/// path): the page then writes stored HTML instead of rendering every comment on every view.
/// Writers that bypass the change tracker (the importer's bulk insert, erasure) call
/// <see cref="Of"/> themselves.
/// </summary>
public sealed class CommentHtml : SaveChangesInterceptor
{
    public static string Of(string text) => CommentText.ToHtml(text).ToString() ?? "";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Derive(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Derive(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Derive(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries<Comment>())
        {
            if (entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Property(c => c.Text).IsModified))
            {
                entry.Entity.TextHtml = Of(entry.Entity.Text);
            }
        }
    }
}
