using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Title).HasMaxLength(300);
        article.Property(a => a.Slug).HasMaxLength(200);
        article.Property(a => a.Excerpt).HasMaxLength(1000);
        article.Property(a => a.Summary).HasMaxLength(1000);
        article.Property(a => a.FeaturedImageUrl).HasMaxLength(2000);
        article.Property(a => a.FeaturedImageAlt).HasMaxLength(500);
        article.Property(a => a.FeaturedImageCaption).HasMaxLength(1000);
        article.Property(a => a.FeaturedImageCredit).HasMaxLength(300);

        article.HasIndex(a => a.Slug).IsUnique();
        // The home page: published articles, sticky first, newest first.
        article.HasIndex(a => new { a.Status, a.IsSticky, a.PublishedAt });
        article.HasIndex(a => new { a.Kind, a.Status, a.PublishedAt });

        article.HasIndex(a => a.ParentId);
        article.HasOne(a => a.Author).WithMany(u => u.Articles)
            .HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict);
        article.HasMany(a => a.Categories).WithMany(c => c.Articles).UsingEntity("ArticleCategories");
        article.HasMany(a => a.Tags).WithMany(t => t.Articles).UsingEntity("ArticleTags");
    }
}
