using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.Property(m => m.To).HasMaxLength(254);
        message.Property(m => m.Subject).HasMaxLength(300);
        message.Property(m => m.Body).HasMaxLength(20_000);
        message.Property(m => m.LastError).HasMaxLength(1000);
        message.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        // The sender's question: what is due and not yet sent?
        message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}
