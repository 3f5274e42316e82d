// The least an ASP.NET Core server can do for a page: answer one file's bytes, read once at start,
// to every request. bench/pages.sh measures it beside Gazette and nginx, so that the cost of Kestrel
// itself on this machine is told apart from the cost of Gazette's pipeline.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var page = File.ReadAllBytes(builder.Configuration["page"] ?? throw new ArgumentException("Give the page to serve: --page FILE"));
app.Run(context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = page.Length;
    return context.Response.Body.WriteAsync(page).AsTask();
});
app.Run();
