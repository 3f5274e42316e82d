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
        article.Property(a => a.SearchTitle).HasMaxLength(300);
        article.Property(a => a.SearchDescription).HasMaxLength(500);
        article.Property(a => a.EnclosureUrl).HasMaxLength(2000);
        article.Property(a => a.EnclosureType).HasMaxLength(100);
        article.Property(a => a.Password).HasMaxLength(Article.MaxPasswordLength);

        article.HasIndex(a => a.Slug).IsUnique();
        // Lists read these indexes alone, never the rows (whose bodies come first and run long):
        // a deep page skips its offset, a count counts, over index entries only.
        // The home page: published posts, sticky first, newest first.
        article.HasIndex(a => new { a.Kind, a.Status, a.IsSticky, a.PublishedAt, a.Id });
        // Archives, feeds, previous/next, sitemaps (which group by last edit too).
        article.HasIndex(a => new { a.Kind, a.Status, a.PublishedAt, a.Id, a.UpdatedAt });
        // The newest edit, for feeds' and sitemaps' last-modified dates (a feed counts drafts' edits too).
        article.HasIndex(a => new { a.Kind, a.UpdatedAt });
        // An author's archive.
        article.HasIndex(a => new { a.AuthorId, a.Kind, a.Status, a.PublishedAt, a.UpdatedAt });
        // Category and tag archives start from the terms' join rows and look each article up here.
        article.HasIndex(a => new { a.Id, a.Kind, a.Status, a.PublishedAt, a.UpdatedAt });

        article.HasIndex(a => a.ParentId);
        article.HasOne(a => a.Author).WithMany(u => u.Articles)
            .HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict);
        article.HasMany(a => a.Categories).WithMany(c => c.Articles).UsingEntity(GazetteDbContext.ArticleCategories);
        article.HasMany(a => a.Tags).WithMany(t => t.Articles).UsingEntity(GazetteDbContext.ArticleTags);
    }
}
