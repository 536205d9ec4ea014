using GalaxyCo.Data.Tenancy;

namespace GalaxyCo.Web.Hosting;

/// <summary>
/// The browser's IP address and user agent, captured from the HTTP request that started the circuit (App.razor
/// hands them to Routes), so audit rows written from interactive pages say where a change came from.
/// </summary>
public sealed class ClientInfo(TenantContext tenant)
{
    public void Apply(Guid? userId, string? email, string? ipAddress, string? userAgent)
    {
        tenant.SetUser(userId);
        tenant.Actor = new AuditActor(email, ipAddress, userAgent is { Length: > 300 } ? userAgent[..300] : userAgent);
    }
}
