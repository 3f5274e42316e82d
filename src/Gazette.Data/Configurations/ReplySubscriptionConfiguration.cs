using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class ReplySubscriptionConfiguration : IEntityTypeConfiguration<ReplySubscription>
{
    public void Configure(EntityTypeBuilder<ReplySubscription> subscription)
    {
        subscription.Property(s => s.Email).HasMaxLength(254);
        subscription.HasIndex(s => s.Email).IsUnique();
        subscription.Ignore(s => s.IsActive);
    }
}
