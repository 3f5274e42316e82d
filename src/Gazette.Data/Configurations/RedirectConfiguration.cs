using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class RedirectConfiguration : IEntityTypeConfiguration<Redirect>
{
    public void Configure(EntityTypeBuilder<Redirect> redirect)
    {
        // Short enough for a PostgreSQL b-tree entry (at most 2,704 bytes) even in 4-byte characters.
        redirect.Property(r => r.FromPath).HasMaxLength(600);
        redirect.Property(r => r.QueryKeys).HasMaxLength(200);
        redirect.Property(r => r.ToUrl).HasMaxLength(2000);

        // The one lookup a 404 costs.
        redirect.HasIndex(r => r.FromPath).IsUnique();
        // ToUrl has no index: it is searched only when a redirect is saved (to collapse chains), and a
        // 2,000-character URL could be too long for one.
        redirect.HasIndex(r => r.ArticleId);

        redirect.HasOne(r => r.Article).WithMany()
            .HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.SetNull);
    }
}
