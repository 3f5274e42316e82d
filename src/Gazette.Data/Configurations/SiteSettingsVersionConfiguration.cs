using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class SiteSettingsVersionConfiguration : IEntityTypeConfiguration<SiteSettingsVersion>
{
    public void Configure(EntityTypeBuilder<SiteSettingsVersion> version)
    {
        version.Property(v => v.Id).ValueGeneratedNever();
        // The row always exists, so a save only ever increments it.
        version.HasData(new SiteSettingsVersion { Id = SiteSettingsVersion.RowId, Number = 0 });
    }
}
