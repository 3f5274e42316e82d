using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class ArticleCoAuthorConfiguration : IEntityTypeConfiguration<ArticleCoAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleCoAuthor> coAuthor)
    {
        coAuthor.HasKey(c => new { c.ArticleId, c.UserId });
        // An author's archive lists the articles they share.
        coAuthor.HasIndex(c => c.UserId);
        coAuthor.HasOne(c => c.Article).WithMany(a => a.CoAuthors).HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        coAuthor.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
