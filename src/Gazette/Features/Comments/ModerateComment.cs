using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Features.Comments;

/// <summary>A moderator approves a comment, marks it as spam, or moves it to the trash.</summary>
public sealed class ModerateComment(GazetteDbContext db)
{
    /// <returns>False when no such comment exists.</returns>
    public async Task<bool> ExecuteAsync(int commentId, CommentStatus status, CancellationToken cancellationToken) =>
        await db.Comments.Where(c => c.Id == commentId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, status), cancellationToken) == 1;
}
