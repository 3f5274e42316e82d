namespace Gazette.Features.Menus;

internal static class MenusSetup
{
    public static IServiceCollection AddMenus(this IServiceCollection services)
    {
        services.AddScoped<SiteMenus>();
        services.AddScoped<EditMenu>();
        return services;
    }
}
