using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> job)
    {
        job.Property(j => j.StartedBy).HasMaxLength(256);
        job.Property(j => j.ExportPath).HasMaxLength(1000);
        job.Property(j => j.UploadsPath).HasMaxLength(1000);
        job.Property(j => j.ClaimedBy).HasMaxLength(64);
        job.Property(j => j.Stage).HasMaxLength(200);
        job.HasIndex(j => j.State);
    }
}
