using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class ImportedItemConfiguration : IEntityTypeConfiguration<ImportedItem>
{
    public void Configure(EntityTypeBuilder<ImportedItem> item)
    {
        item.Property(i => i.Source).HasMaxLength(300);
        item.Property(i => i.Kind).HasMaxLength(20);
        item.Property(i => i.ExternalId).HasMaxLength(100);
        item.Property(i => i.LocalId).HasMaxLength(450);

        // The lookup every imported item costs, and the guarantee that it is brought in once.
        item.HasIndex(i => new { i.Source, i.Kind, i.ExternalId }).IsUnique();
    }
}
