using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.Property(r => r.Summary).HasMaxLength(500);
        revision.Property(r => r.Title).HasMaxLength(300);
        revision.Property(r => r.Slug).HasMaxLength(200);
        revision.Property(r => r.Excerpt).HasMaxLength(1000);
        revision.Property(r => r.FeaturedImageUrl).HasMaxLength(2000);
        revision.Property(r => r.FeaturedImageAlt).HasMaxLength(500);
        revision.Property(r => r.FeaturedImageCaption).HasMaxLength(1000);
        revision.Property(r => r.FeaturedImageCredit).HasMaxLength(300);
        revision.Property(r => r.Categories).HasMaxLength(2000);
        revision.Property(r => r.Tags).HasMaxLength(2000);

        revision.HasOne(r => r.Article).WithMany()
            .HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        revision.HasOne(r => r.SavedBy).WithMany()
            .HasForeignKey(r => r.SavedById).OnDelete(DeleteBehavior.SetNull);
        // An article's revisions, newest first; and the latest published one, for its old address.
        revision.HasIndex(r => new { r.ArticleId, r.Id });
    }
}
