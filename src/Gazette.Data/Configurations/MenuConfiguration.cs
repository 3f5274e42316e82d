using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gazette.Data.Configurations;

internal sealed class MenuConfiguration : IEntityTypeConfiguration<Menu>
{
    public void Configure(EntityTypeBuilder<Menu> menu)
    {
        menu.Property(m => m.Name).HasMaxLength(200);
        // One menu per place; any number shown nowhere.
        menu.HasIndex(m => m.Location).IsUnique();
        menu.HasMany(m => m.Items).WithOne(i => i.Menu)
            .HasForeignKey(i => i.MenuId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MenuItemConfiguration : IEntityTypeConfiguration<MenuItem>
{
    public void Configure(EntityTypeBuilder<MenuItem> item)
    {
        item.Property(i => i.Label).HasMaxLength(200);
        item.Property(i => i.Url).HasMaxLength(2000);
        item.Property(i => i.AuthorId).HasMaxLength(450);
        item.HasIndex(i => new { i.MenuId, i.ParentId, i.Position });
        // No foreign key to the target: items of deleted pages, sections or authors drop out when
        // the menu is shown, and are marked in the menu editor.
        item.HasOne<MenuItem>().WithMany().HasForeignKey(i => i.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
