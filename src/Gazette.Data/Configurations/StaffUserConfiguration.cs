using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.Slug).HasMaxLength(100);
        user.Property(u => u.Bio).HasMaxLength(2000);
        user.Property(u => u.PhotoPath).HasMaxLength(300);
        user.Property(u => u.ProfileLinks).HasMaxLength(2000);
        user.HasIndex(u => u.Slug).IsUnique();
    }
}
