using Microsoft.Extensions.Options;

namespace Gazette.Infrastructure;

/// <summary>
/// The site's absolute address for links that leave the site (emails): <c>Gazette:Site:Url</c>
/// when set, else the address of the request being served.
/// </summary>
public sealed class SiteAddress(IOptions<GazetteOptions> options, IHttpContextAccessor http)
{
    public string Base =>
        options.Value.Site.Url?.TrimEnd('/')
        ?? (http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}" : "");
}
