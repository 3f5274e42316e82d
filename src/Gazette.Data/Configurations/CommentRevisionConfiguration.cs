using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class CommentRevisionConfiguration : IEntityTypeConfiguration<CommentRevision>
{
    public void Configure(EntityTypeBuilder<CommentRevision> revision)
    {
        revision.Property(r => r.Text).HasMaxLength(10_000);
        revision.HasOne(r => r.Comment).WithMany(c => c.Revisions)
            .HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        revision.HasIndex(r => r.CommentId);
    }
}
