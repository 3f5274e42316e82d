namespace Gazette.Infrastructure;

internal static class SecurityHeaders
{
    // No inline script anywhere; images may come from an operator-chosen https URL.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        // Video players, put in only when a reader clicks a video's card (Features/Articles/Embeds).
        "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; " +
        // Sound and video files in articles: the site's own, or an https address an imported article kept
        // (WordPress attachments not brought into the library). Players fetch a file from elsewhere only
        // once the reader presses play (preload="none", MarkdownRenderer), as images from https may load.
        "media-src 'self' https:; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
            {
                // The newsroom's pages and downloads (backups hold password hashes and keys) are for the one
                // signed in: kept by no proxy, nor by a shared computer's browser once they have signed out.
                headers.CacheControl = "no-store";
            }
            return next(context);
        });
}
