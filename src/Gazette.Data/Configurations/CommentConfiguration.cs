using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.Property(c => c.AuthorName).HasMaxLength(100);
        comment.Property(c => c.AuthorEmail).HasMaxLength(254);
        comment.Property(c => c.AuthorWebsite).HasMaxLength(500);
        comment.Property(c => c.Text).HasMaxLength(10_000);
        comment.Property(c => c.AuthorIp).HasMaxLength(45);
        comment.Property(c => c.ModerationReason).HasMaxLength(500);
        comment.Property(c => c.AvatarSeed).HasMaxLength(32);
        comment.Property(c => c.EditTokenHash).HasMaxLength(64);
        comment.Property(c => c.FormNonce).HasMaxLength(32);

        // The article page: its approved comments in order.
        comment.HasIndex(c => new { c.ArticleId, c.Status, c.CreatedAt });
        // The moderation queue, and "has this commenter been approved before?".
        comment.HasIndex(c => new { c.Status, c.CreatedAt });
        comment.HasIndex(c => new { c.AuthorEmail, c.Status });
        // One comment per served form, however many instances take posts at once.
        comment.HasIndex(c => c.FormNonce).IsUnique();

        comment.HasOne(c => c.Article).WithMany(a => a.Comments)
            .HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // NO ACTION (checked at the end of the statement) so that deleting an article can
        // cascade to a whole thread at once.
        comment.HasOne(c => c.Parent).WithMany()
            .HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.NoAction);
    }
}
