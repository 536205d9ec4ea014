namespace GalaxyCo.Web.Hosting;

/// <summary>What the Work area serves outside pages: task attachment upload and download.</summary>
internal static class WorkEndpoints
{
    public static void MapWorkEndpoints(this WebApplication app)
    {
    }
}
