using Gazette.Data;

namespace Gazette.Features.WordPress;

public sealed partial class ImportWordPress
{
    /// <summary>
    /// What one import keeps between batches: local keys of authors, terms and items by their
    /// WordPress identifiers (small: no content), and links to make once the file has been read.
    /// </summary>
    private sealed class Run(string source, string basePath, AttachmentFiles? files, ImportReport report, IProgress<ImportProgress>? progress, int total)
    {
        public string Source { get; } = source;
        public AttachmentFiles? Files { get; } = files;

        /// <summary>The old blog's path under its host, "" or like <c>/blog</c>.</summary>
        public string BasePath { get; } = basePath;
        public ImportReport Report { get; } = report;
        public IProgress<ImportProgress>? Progress { get; } = progress;
        public int Total { get; } = total;
        public int Done { get; set; }

        public bool ChannelWritten { get; set; }
        public List<WxrAuthor> Authors { get; } = [];
        public List<WxrTerm> Terms { get; } = [];

        public List<WxrItem> Batch { get; } = [];

        /// <summary>The WordPress IDs of the items met so far: a later item with one of them is passed over.</summary>
        public HashSet<string> SeenItems { get; } = new(StringComparer.Ordinal);
        public int BatchComments { get; set; }

        /// <summary>Lower-cased login → staff user id.</summary>
        public Dictionary<string, string> AuthorIds { get; } = new(StringComparer.OrdinalIgnoreCase);
        public string? FallbackAuthorId { get; set; }
        public string? AuthorRoleId { get; set; }

        /// <summary>WordPress slug → local id.</summary>
        public Dictionary<string, int> Categories { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Tags { get; } = new(StringComparer.Ordinal);

        /// <summary>Slugs of the post formats met, each reported once.</summary>
        public HashSet<string> PostFormats { get; } = new(StringComparer.Ordinal);

        /// <summary>WordPress post id → article id.</summary>
        public Dictionary<string, int> Posts { get; } = new(StringComparer.Ordinal);

        /// <summary>WordPress post id → the address of the published article here, for its attachments' old pages.</summary>
        public Dictionary<string, string> PostLinks { get; } = new(StringComparer.Ordinal);

        /// <summary>WordPress attachment id → the image as articles use it.</summary>
        public Dictionary<string, WordPressImage> Images { get; } = new(StringComparer.Ordinal);

        /// <summary>WordPress post id → the images attached to it, with their menu order, in file order.</summary>
        public Dictionary<string, List<(int Order, WordPressImage Image)>> AttachedImages { get; } = new(StringComparer.Ordinal);

        /// <summary>An upload's address as <see cref="UploadUrls.Key"/> makes it → its copy in the media library.</summary>
        public Dictionary<string, string> StoredUploads { get; } = new(StringComparer.Ordinal);

        public List<(int ArticleId, string ThumbnailId)> Thumbnails { get; } = [];

        /// <summary>The menus' items, made into menus once everything they link to is in (<see cref="WordPressMenus"/>).</summary>
        public List<WxrItem> MenuItems { get; } = [];
        public List<(int ArticleId, string ParentId)> Parents { get; } = [];

        /// <summary>Attachments' old pages, with the item each belongs to and the stored image, to redirect at the end.</summary>
        public List<(string From, string ParentId, string? Image)> AttachmentPages { get; } = [];

        /// <summary>Redirect from-paths made by this import, so a later item cannot claim one twice.</summary>
        public HashSet<string> RedirectsMade { get; } = new(StringComparer.Ordinal);

        /// <summary>Mapping rows to write once the batch is saved and its rows have keys.</summary>
        public List<(string Kind, string ExternalId, Func<string> LocalId)> NewMappings { get; } = [];

        public void Map(string kind, string externalId, Func<string> localId) => NewMappings.Add((kind, externalId, localId));
    }

    /// <summary>A comment waiting for its article's key, and its parent's, to be written.</summary>
    private sealed class PendingComment(string wordPressId, Comment comment, Article? article)
    {
        public string WordPressId { get; } = wordPressId;
        public Comment Comment { get; } = comment;
        public Article? Article { get; } = article;
        public PendingComment? Parent { get; set; }

        public int Depth
        {
            get
            {
                var depth = 0;
                for (var parent = Parent; parent is not null; parent = parent.Parent)
                {
                    depth++;
                }
                return depth;
            }
        }
    }

    /// <summary>What one batch of items makes, until it is saved.</summary>
    private sealed class Batch(Dictionary<(string Kind, string ExternalId), string> mapped)
    {
        public Dictionary<(string Kind, string ExternalId), string> Mapped { get; } = mapped;
        public HashSet<string> Slugs { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Category> NewCategories { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Tag> NewTags { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, StaffUser> NewAuthors { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<int, Category> AttachedCategories { get; } = [];
        public Dictionary<int, Tag> AttachedTags { get; } = [];
        public List<(Article Article, string ThumbnailId)> Thumbnails { get; } = [];
        public List<(Article Article, string ParentId)> Parents { get; } = [];
        public List<(string From, string To, Article? Article)> Redirects { get; } = [];

        /// <summary>Redirects checked and due, written by one insert after the batch's articles are saved.</summary>
        public List<(string From, string To, Article? Article)> ReadyRedirects { get; } = [];
        public Dictionary<string, Article> Articles { get; } = new(StringComparer.Ordinal);
        public List<PendingComment> Comments { get; } = [];
    }
}
