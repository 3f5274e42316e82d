using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gazette.Infrastructure;

/// <summary>How public pages are cached (<c>Gazette:Cache</c>).</summary>
public sealed class PageCacheOptions
{
    public const string Section = "Gazette:Cache";

    /// <summary>Off, every request renders afresh (the pages still carry ETags and are compressed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Memory the cached pages may take, all variants together.</summary>
    public int SizeLimitMegabytes { get; set; } = 100;

    /// <summary>
    /// The longest a page stays stored. Changes evict their pages at once; this only bounds what
    /// depends on the clock alone (a conversation closing by age, the age of a form's token).
    /// </summary>
    public int MaxAgeMinutes { get; set; } = 60;
}

/// <summary>
/// One page for every anonymous reader: article pages, static pages, the home page, archives,
/// feeds, sitemaps and robots.txt are kept by ASP.NET Core's output cache, compressed once when
/// stored (Brotli, gzip or none, whichever the reader accepts), with an ETag that answers 304.
/// Signed-in staff bypass it. Entries carry tags (<see cref="CacheTags"/>) that changes evict
/// (<see cref="PageCacheInvalidation"/>), so the next request after a change shows it.
/// </summary>
public static class PageCache
{
    public static WebApplicationBuilder AddPageCache(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PageCacheOptions.Section);
        builder.Services.Configure<PageCacheOptions>(section);
        var settings = section.Get<PageCacheOptions>() ?? new PageCacheOptions();
        builder.Services.AddOutputCache(cache =>
        {
            cache.SizeLimit = Math.Max(1, settings.SizeLimitMegabytes) * 1024L * 1024;
            cache.DefaultExpirationTimeSpan = TimeSpan.FromMinutes(Math.Max(1, settings.MaxAgeMinutes));
        });
        builder.Services.AddSingleton<PublicPages>();
        builder.Services.AddSingleton<PageCacheInvalidation>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<PageCacheInvalidation>());
        builder.Services.AddResponseCompression(compression =>
        {
            // Over HTTPS only public pages are compressed (PublicPages turns it on): a staff page
            // holds secrets next to what a visitor typed, the shape BREACH needs.
            compression.EnableForHttps = false;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
            [
                "application/rss+xml", "application/atom+xml", "application/feed+json", "image/svg+xml",
            ]);
        });
        // Stored pages are compressed once; pages rendered afresh (staff, the cache switched off) on every request.
        builder.Services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>After authentication (the cache must know staff from readers), before the endpoints.</summary>
    public static IApplicationBuilder UsePageCache(this IApplicationBuilder app)
    {
        app.UseOutputCache();
        // Inside the cache, so what it stores already has its ETag and its compressed body.
        app.UseMiddleware<EntityTags>();
        app.UseResponseCompression();
        return app;
    }

    /// <summary>Makes a mapped endpoint a public page (<see cref="PublicPageAttribute"/>) whose entries carry <paramref name="tag"/>.</summary>
    public static RouteHandlerBuilder AsPublicPage(this RouteHandlerBuilder endpoint, string tag)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.WithMetadata(PublicPageAttribute.Instance).AddEndpointFilter(async (invocation, next) =>
        {
            Tag(invocation.HttpContext, tag);
            return await next(invocation);
        });
    }

    /// <summary>Marks the page being rendered as showing what <paramref name="tags"/> name.</summary>
    public static void Tag(HttpContext context, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tags);
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cache)
        {
            cache.Tags.UnionWith(tags);
        }
    }

    public static void Tag(HttpContext context, params string[] tags) => Tag(context, (IEnumerable<string>)tags);

    /// <summary>
    /// The page being rendered is for this visitor alone (an article they unlocked with its password):
    /// never stored in the shared cache, nor by browsers or proxies.
    /// </summary>
    public static void KeepPrivate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cache)
        {
            cache.AllowCacheStorage = false;
        }
        context.Response.Headers.CacheControl = "private, no-store";
    }

    /// <summary>The page depends on the clock: keep it at most <paramref name="maxAge"/>.</summary>
    public static void KeepAtMost(HttpContext context, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cache)
        {
            var current = cache.ResponseExpirationTimeSpan;
            var bounded = maxAge < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : maxAge;
            cache.ResponseExpirationTimeSpan = current is { } c && c < bounded ? c : bounded;
        }
    }
}

/// <summary>The names entries are tagged with, and that changes evict.</summary>
public static class CacheTags
{
    /// <summary>Every entry: settings, imports and media touch any page.</summary>
    public const string Site = "site";
    /// <summary>The home page and its pages.</summary>
    public const string Home = "home";
    /// <summary>The date archives.</summary>
    public const string Dates = "dates";
    /// <summary>The site's article feeds, and search results: what any change to a published article may move.</summary>
    public const string Feeds = "feeds";
    /// <summary>The sitemaps, robots.txt aside.</summary>
    public const string Sitemaps = "sitemaps";
    /// <summary>The site's comment feeds.</summary>
    public const string Comments = "comments";
    /// <summary>The static pages' tree, which every page shows a part of.</summary>
    public const string Pages = "pages";

    /// <summary>Any page that shows the article: its own, lists, feeds, and pages linking to it.</summary>
    public static string Article(int id) => "article:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>The pages that show the article's comments: its own, and its comment feed.</summary>
    public static string Conversation(int id) => ConversationPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="tag"/> names comments only, which no list of articles shows.</summary>
    public static bool IsConversation(string tag) => tag == Comments || ConversationOf(tag) is not null;

    /// <summary>The article whose conversation <paramref name="tag"/> names, if it names one.</summary>
    public static int? ConversationOf(string tag) =>
        (tag ?? "").StartsWith(ConversationPrefix, StringComparison.Ordinal)
        && int.TryParse(tag.AsSpan(ConversationPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;

    private const string ConversationPrefix = "conversation:";
    public static string Category(int id) => "category:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Tag(int id) => "tag:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Author(string id) => "author:" + id;
}

/// <summary>
/// The policy of every public endpoint: GET and HEAD from readers without a staff session, varied
/// by the query keys the page reads and by the encoding the reader accepts; a response with a
/// cookie, marked private, or other than 200, is never stored. Requests whose query or cookies make
/// the page personal (a reply form, a notice after posting, an article unlocked by its password) are
/// rendered afresh.
/// </summary>
public sealed class PublicPages(IOptionsMonitor<PageCacheOptions> options, PageCacheInvalidation invalidation, GazetteMetrics metrics)
    : IOutputCachePolicy
{
    private static readonly object EvictionsAtStart = new();

    /// <summary>The query keys that select a variant of a public page, unless the page names its own (<see cref="PublicPageAttribute.VaryByQuery"/>).</summary>
    public static readonly string[] VaryByQuery = ["page", "cpage"];

    /// <summary>The query keys that make a page personal: never served from, nor stored in, the cache.</summary>
    public static readonly string[] Personal = ["replyTo", "notice"];

    /// <summary>
    /// The cookies that make a page personal: an article unlocked with its password (a cookie sent to
    /// that article's address alone). Such a request is neither served from the cache (the reader would
    /// get the locked page) nor stored (the next reader would get the unlocked one).
    /// </summary>
    public static bool HasPersonalCookie(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.Keys.Any(name => name.StartsWith(Features.Articles.ArticlePasswords.CookiePrefix, StringComparison.Ordinal));
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cacheable = options.CurrentValue.Enabled
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && http.User.Identity?.IsAuthenticated != true
            && request.Headers.Authorization.Count == 0
            && !Personal.Any(request.Query.ContainsKey)
            && !HasPersonalCookie(request);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable)
        {
            return ValueTask.CompletedTask;
        }
        http.Items[EvictionsAtStart] = invalidation.Evictions;
        context.Tags.Add(CacheTags.Site);
        // Any other key is ignored (?utm_source=… is the same page), so it cannot fill the cache with copies.
        context.CacheVaryByRules.QueryKeys = http.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>()?.VaryByQuery ?? VaryByQuery;
        VaryByEncoding(context);
        return ValueTask.CompletedTask;
    }

    /// <summary>One stored variant per encoding, and the compression inside sees exactly that choice.</summary>
    private static void VaryByEncoding(OutputCacheContext context)
    {
        var http = context.HttpContext;
        var encoding = PreferredEncoding(http.Request.Headers.AcceptEncoding);
        http.Request.Headers.AcceptEncoding = encoding;
        context.CacheVaryByRules.VaryByValues["encoding"] = encoding;
        if (http.Features.Get<IHttpsCompressionFeature>() is { } https)
        {
            https.Mode = HttpsCompressionMode.Compress;
        }
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.PageCacheHit();
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.PageCacheMiss();
        var response = context.HttpContext.Response;
        // A page that says it is private (PageCache.KeepPrivate) is never stored, whatever asked for it.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
            || response.Headers.CacheControl.Any(v => v is not null && (v.Contains("private", StringComparison.OrdinalIgnoreCase) || v.Contains("no-store", StringComparison.OrdinalIgnoreCase)))
            || context.HttpContext.Items[EvictionsAtStart] is not long start || start != invalidation.Evictions)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Brotli, else gzip, else nothing: the reader's preference order aside, as browsers accept both or neither.</summary>
    internal static string PreferredEncoding(Microsoft.Extensions.Primitives.StringValues acceptEncoding)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted))
        {
            return "identity";
        }
        bool Accepts(string coding) => accepted.Any(a =>
            (a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) || a.Value.Equals("*", StringComparison.Ordinal))
            && (a.Quality ?? 1) > 0);
        return Accepts("br") ? "br" : Accepts("gzip") ? "gzip" : "identity";
    }
}

/// <summary>
/// Gives each public response an <c>ETag</c> (a hash of the bytes sent, after compression, so
/// each encoding has its own) and answers <c>If-None-Match</c> with 304, whether or not the page
/// came from the cache. Public pages may be stored by browsers and proxies, but must be checked
/// first: a change shows on the next visit.
/// </summary>
internal sealed class EntityTags(RequestDelegate next)
{
    /// <summary>Pages are kept in (pooled) memory while hashed: none comes near this.</summary>
    private const int MemoryThreshold = 16 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || context.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>() is null)
        {
            await next(context);
            return;
        }
        var response = context.Response;
        var body = response.Body;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var buffer = new FileBufferingWriteStream(MemoryThreshold);
        response.Body = new HashingStream(buffer, hash);
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 12)) + "\"");
            response.Headers.ETag = tag.ToString();
            if (response.Headers.CacheControl.Count == 0)
            {
                response.Headers.CacheControl = context.User.Identity?.IsAuthenticated == true ? "private, no-cache" : "public, no-cache";
            }
            if (IsCurrent(request, tag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
            response.ContentLength = buffer.Length;
        }
        if (buffer.Length > 0)
        {
            await buffer.DrainBufferAsync(body, context.RequestAborted);
        }
    }

    /// <summary>Hashes what is written on its way into the buffer, so the ETag is ready when the page is.</summary>
    private sealed class HashingStream(Stream buffer, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => buffer.Length;

        public override long Position
        {
            get => buffer.Length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> bytes)
        {
            hash.AppendData(bytes);
            buffer.Write(bytes);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
        {
            hash.AppendData(bytes.Span);
            return buffer.WriteAsync(bytes, cancellationToken);
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static bool IsCurrent(HttpRequest request, EntityTagHeaderValue tag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));
    }
}

/// <summary>
/// Marks a public page or endpoint: cached for readers by <see cref="PublicPages"/>, with an ETag
/// (<see cref="EntityTags"/>). On a page model, or as metadata on a mapped endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PublicPageAttribute : Attribute, IOutputCachePolicy
{
    public static readonly PublicPageAttribute Instance = new();

    /// <summary>The query keys whose values make different pages here; by default <c>page</c> and <c>cpage</c>.</summary>
    public string[]? VaryByQuery { get; init; }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) =>
        Policy(context).CacheRequestAsync(context, cancellation);

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) =>
        Policy(context).ServeFromCacheAsync(context, cancellation);

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) =>
        Policy(context).ServeResponseAsync(context, cancellation);

    private static IOutputCachePolicy Policy(OutputCacheContext context)
    {
        IOutputCachePolicy policy = context.HttpContext.RequestServices.GetRequiredService<PublicPages>();
        return policy;
    }
}
