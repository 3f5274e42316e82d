using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Gazette.Infrastructure;

/// <summary>
/// Marks a page that streams its POST body itself (an upload too large to be read as a form into
/// temporary files first): <see cref="PageRequests"/> leaves its form unread.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadsItsOwnBodyAttribute : Attribute;

/// <summary>
/// What every Razor page answers before its handler runs:
/// <list type="bullet">
/// <item>a method it has no handler for gets 405 with <c>Allow</c> (OPTIONS gets 204 and the list);</item>
/// <item>a form that cannot be read (a field over the 4 MB form limit, more than 1,024 fields)
/// gets 413 or 400 instead of a handler running on empty values;</item>
/// <item>a form with NUL characters (which no database column should hold, and PostgreSQL refuses)
/// comes back to its page with them taken out, everything else kept, and a message: the handler
/// sees an invalid model state and answers 400 with the form filled in.</item>
/// </list>
/// </summary>
internal sealed class PageRequests : IAsyncPageFilter
{
    private const string FormProblem = "Gazette.FormProblem";
    private const string FormCleaned = "Gazette.FormCleaned";

    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType
            || context.ActionDescriptor.HandlerTypeInfo.IsDefined(typeof(ReadsItsOwnBodyAttribute), inherit: false))
        {
            return;
        }
        var urlEncoded = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (urlEncoded)
        {
            // So that a form ASP.NET Core refuses for its NUL characters can be read a second time, leniently.
            request.EnableBuffering();
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException e) when (urlEncoded && e.InnerException is InvalidOperationException)
        {
            if (await ReadLenientlyAsync(request, http.RequestAborted) is not { } lenient)
            {
                Refuse(http, StatusCodes.Status400BadRequest);
                return;
            }
            form = lenient;
        }
        catch (InvalidDataException e)
        {
            Refuse(http, e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase)
                ? StatusCodes.Status413PayloadTooLarge
                : StatusCodes.Status400BadRequest);
            return;
        }
        if (form.Any(field => field.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            var cleaned = form.ToDictionary(
                field => field.Key,
                field => new StringValues(field.Value.Select(v => v?.Replace("\0", "", StringComparison.Ordinal)).ToArray()));
            http.Features.Set<IFormFeature>(new FormFeature(new FormCollection(cleaned, form.Files)));
            http.Items[FormCleaned] = true;
        }
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.Items[FormProblem] is int status)
        {
            // Once: the error page that explains it runs on this same request.
            http.Items.Remove(FormProblem);
            context.Result = new StatusCodeResult(status);
            return;
        }
        if (http.Items.Remove(FormCleaned))
        {
            context.ModelState.AddModelError("",
                "What you sent contained NUL characters, which cannot be stored. They have been taken out: check the text below and send it again.");
        }
        var method = http.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)
            && http.Features.Get<IStatusCodeReExecuteFeature>() is null && http.Features.Get<IExceptionHandlerFeature>() is null)
        {
            http.Response.Headers.Allow =
                context.ActionDescriptor.HandlerMethods.Any(h => h.HttpMethod.Equals("Post", StringComparison.OrdinalIgnoreCase))
                    ? "GET, HEAD, POST, OPTIONS"
                    : "GET, HEAD, OPTIONS";
            context.Result = new StatusCodeResult(HttpMethods.IsOptions(method)
                ? StatusCodes.Status204NoContent
                : StatusCodes.Status405MethodNotAllowed);
            return;
        }
        await next();
    }

    private static void Refuse(HttpContext http, int status)
    {
        // The error page runs on this same request: give it a form it can read.
        http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        http.Items[FormProblem] = status;
    }

    /// <summary>The buffered body parsed as a query string, within the same limits as ASP.NET Core's form reader.</summary>
    private static async Task<FormCollection?> ReadLenientlyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var options = new FormOptions();
        if (request.Body.Length > options.ValueLengthLimit)
        {
            return null;
        }
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var fields = QueryHelpers.ParseQuery(await reader.ReadToEndAsync(cancellationToken));
        return fields.Count > options.ValueCountLimit ? null : new FormCollection(fields);
    }
}
