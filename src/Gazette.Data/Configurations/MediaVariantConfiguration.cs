using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> variant)
    {
        variant.ToTable("MediaVariants");
        variant.Property(v => v.Path).HasMaxLength(400);
        variant.Property(v => v.ContentType).HasMaxLength(50);
        variant.HasIndex(v => v.Path).IsUnique();
        variant.HasOne(v => v.MediaItem).WithMany(m => m.Variants)
            .HasForeignKey(v => v.MediaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
