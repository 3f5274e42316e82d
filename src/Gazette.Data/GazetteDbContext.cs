using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Data;

/// <summary>
/// The one model of Gazette's data. Each database provider subclasses it in its own project,
/// which also holds that provider's migrations.
/// </summary>
public abstract class GazetteDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>The join rows of articles and categories (ArticlesId, CategoriesId), a shared-type entity.</summary>
    public const string ArticleCategories = "ArticleCategories";

    /// <summary>The join rows of articles and tags (ArticlesId, TagsId), a shared-type entity.</summary>
    public const string ArticleTags = "ArticleTags";

    /// <summary>The join rows' columns, named by EF Core after the skip navigations.</summary>
    public const string ArticlesId = "ArticlesId", CategoriesId = "CategoriesId", TagsId = "TagsId";

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentRevision> CommentRevisions => Set<CommentRevision>();
    public DbSet<SiteSecret> SiteSecrets => Set<SiteSecret>();
    public DbSet<SpamModel> SpamModels => Set<SpamModel>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ReplySubscription> ReplySubscriptions => Set<ReplySubscription>();
    public DbSet<ArticleAutosave> ArticleAutosaves => Set<ArticleAutosave>();
    public DbSet<MediaItem> MediaItems => Set<MediaItem>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<SiteSettingsVersion> SiteSettingsVersions => Set<SiteSettingsVersion>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<Redirect> Redirects => Set<Redirect>();
    public DbSet<ImportedItem> ImportedItems => Set<ImportedItem>();
    public DbSet<Menu> Menus => Set<Menu>();
    public DbSet<ArticleCoAuthor> ArticleCoAuthors => Set<ArticleCoAuthor>();
    public DbSet<MenuItem> MenuItems => Set<MenuItem>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    /// <summary>
    /// The site's Data Protection keys (sign-in cookies, form tokens, emailed links, the stored mail
    /// password): in the database, so that every instance of the site reads and makes the same ones.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GazetteDbContext).Assembly);
    }
}
