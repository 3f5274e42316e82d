using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> item)
    {
        item.Property(m => m.OriginalFileName).HasMaxLength(255);
        item.Property(m => m.Path).HasMaxLength(400);
        item.Property(m => m.ContentType).HasMaxLength(50);
        item.Property(m => m.AltText).HasMaxLength(500);
        item.Property(m => m.Caption).HasMaxLength(1000);
        item.Property(m => m.Credit).HasMaxLength(300);
        item.Property(m => m.Description).HasMaxLength(4000);

        // The article page finds an image's variants by its address.
        item.HasIndex(m => m.Path).IsUnique();
        // The library: newest first.
        item.HasIndex(m => m.UploadedAt);

        item.HasOne(m => m.UploadedBy).WithMany()
            .HasForeignKey(m => m.UploadedById).OnDelete(DeleteBehavior.SetNull);
    }
}
